"""The views of the exchange app: the strategy document as a download."""
