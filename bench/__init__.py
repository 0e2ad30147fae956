"""Benchmarks (not tests): `make bench-load` runs bench.bench_load."""
