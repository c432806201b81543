"""One module per screen the presenter can be on."""
