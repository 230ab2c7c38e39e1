"""cdo_desktop: a workstation for keeping and reporting a regional project of «Образование»."""

__version__ = "0.2.0"
