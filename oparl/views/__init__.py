"""The views of the OParl 1.1 interface, one module per kind of object."""
