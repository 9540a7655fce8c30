"""resumax_worker: the process that runs background jobs from Redis (RQ). See ``resumax_worker.main``."""
