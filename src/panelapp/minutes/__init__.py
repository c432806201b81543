"""The clerk's side: the journal of what was said, and the minutes draft made from it."""
