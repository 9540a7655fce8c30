"""Task queues: in-process and RQ."""
