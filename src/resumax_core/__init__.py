"""resuMAX core: entities, ports, use cases and the pure analysis pipeline.

It imports only the standard library and attrs, so it can be embedded anywhere and tested with in-memory
adapters. Wire it to real adapters with ``resumax_adapters.bootstrap``.
"""
