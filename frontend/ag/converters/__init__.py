"""One converter per Python construct, applied in the order of conversion.PIPELINE."""
