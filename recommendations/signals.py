"""Signals the recommendations app sends for writes that bypass the models' own signals.

Bulk imports write with COPY and raw SQL, so no post_save reaches the upper apps (the anonymous page
cache keys its pages by a content version that must rise with every change). They send
``bulk_written`` instead; receivers live above this app, so nothing here imports upward.
"""

from django.dispatch import Signal

bulk_written = Signal()
