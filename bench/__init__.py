"""The benchmark (`make bench`) and the load run (`make load`) of docs/performance.md; not part of the test suite."""
