"""Rasad watches Arabic-language news outlets and alerts analysts when a story matches."""

__version__ = "0.1.0"
