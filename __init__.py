"""lianjie (联结): benefit linkages of rural e-commerce and consumption poverty alleviation as a knowledge graph."""

__version__ = "0.1.0"
