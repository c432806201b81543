"""The presenter's terminal app: everything here may import Textual; nothing else may."""
