"""The Qt user interface: a thin layer of models, views and dialogs over the core."""
