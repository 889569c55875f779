"""Use cases: the one place each flow of the network is written, called by every front door (the v1
and v2 API, the web app, the CLI and the assistants to come).

A use case takes the ``Runtime`` and plain values, owns its unit of work (one short write transaction,
never held while scrubbing text or calling the engine) and returns plain data; views only parse input
and format output. Modules: ``recommend`` (recommendations and search, with the usage log and unmet
needs), ``feedback``, ``click`` (link tracking), ``handover`` (attributes to a connected service),
``links`` (tracking URLs and link targets), ``caller`` (who is asking) and ``records`` (what is shown).
"""
