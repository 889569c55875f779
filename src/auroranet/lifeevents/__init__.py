"""Life events as service paths: data files, the services of each step, and the pages and API on top.

    files/*.json + schema.json   the shipped life events (AURORA_LIFE_EVENT_DIR adds an organisation's own)
    model.py                     parse, validate and load them (no other auroranet imports but vocab/errors)
    resolve.py                   pick each step's services from the live catalogue for a municipality
    views.py / api.py            the web pages and the v2 API
    messages.py                  UI strings

The recommender's life-event boost reads the same files (``Runtime.life_events``): each life event is
defined once.
"""
