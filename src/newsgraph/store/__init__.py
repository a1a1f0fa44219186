"""The corpus store: DuckDB tables of analysed articles, with queries, exports and charts over them."""
