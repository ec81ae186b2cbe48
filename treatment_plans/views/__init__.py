"""Treatment plan views, one module per part; each lists its own URLs and panels."""
