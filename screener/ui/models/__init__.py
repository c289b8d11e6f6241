"""Qt item models: adapters from core's frozen dataclasses to Qt's model interface."""
