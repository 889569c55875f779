"""Loading the demo: code lists, services and demo labels, when the store is empty and no import was
ever made (so an operator's deliberately emptied catalogue is never refilled)."""

from __future__ import annotations

import logging

from auroranet.catalogue import reference, service
from auroranet.catalogue.demo import DEMO_LABELS, DEMO_REFERENCE, DEMO_SERVICES
from auroranet.catalogue.flows import import_files
from auroranet.catalogue.reference_import import import_reference_dir
from auroranet.db.core import Database
from auroranet.recommend.labels import import_labels_jsonl
from auroranet.runtime import Runtime

log = logging.getLogger(__name__)


def ensure_demo(db: Database) -> str | None:
    """Load the demo when the store is empty. Returns a summary, or None when nothing was loaded."""
    with db.session() as s:
        if service.count_services(s) or service.any_import_made(s):
            return None
        ref_loaded = reference.is_loaded(s)
    if not ref_loaded:
        import_reference_dir(db, DEMO_REFERENCE)
    result = import_files(db, [DEMO_SERVICES], kind="demo")
    import_labels_jsonl(db, DEMO_LABELS, source="demo")
    log.info("demo catalogue loaded", extra={"services": result.counts.new})
    return result.counts.summary()


def seed_demo_extras(rt: Runtime) -> list[str]:
    """What the demo shows beyond the catalogue, after a fresh demo load: the demo grant programme and its
    provider, clearly marked demo contributions for the situational picture, one referral inbox (the
    demo provider's) for every demo service, so "Ask to be contacted" works on every card, and the demo
    provider's live-chat desk (hand-over to a person)."""
    from auroranet.insights.demo import seed_demo as seed_contributions
    from auroranet.referrals.service import ReceiverIn, set_receivers
    from auroranet.wallet.demo import DEMO_PROVIDER, seed_demo as seed_wallet

    done = [f"demo wallet programme: {seed_wallet(rt)}"]
    done.append(f"demo contributions (marked demo): {seed_contributions(rt.db, rt.writes, life_events=rt.life_events)}")
    with rt.db.session() as s:
        ids = service.service_ids(s)
    set_receivers(rt, [ReceiverIn(service_id=sid, organisation_id=DEMO_PROVIDER) for sid in ids])
    done.append(f"referral inbox organisation:{DEMO_PROVIDER} for {len(ids)} demo services")
    from auroranet.livechat.demo import seed_demo as seed_desk

    done.append(f"live-chat desk {seed_desk(rt, organisation_id=DEMO_PROVIDER, referral_service_id=ids[0] if ids else None)}")
    done.append(f"demo curation: {seed_curation(rt)}")
    return done


DEMO_CURATED = "2fa229a8-2236-42f4-aadf-24a45a6e6fa8"  # Yleinen asumistuki (nationwide)


def seed_curation(rt: Runtime) -> str:
    """One curation, so "recommended by" shows in the demo: housing allowance pinned for the housing need
    nationwide by the network's (demo) administrator, for 90 days."""
    from datetime import timedelta

    from auroranet.curation.service import Draft, add
    from auroranet.db.core import utcnow
    from auroranet.identity.principal import Principal, Role

    if DEMO_CURATED not in rt.catalogue().pos:
        return "skipped (service not in the catalogue)"
    admin = Principal("demo-admin", "staff", roles=(Role("admin", "national"),))
    cid = add(rt, admin, Draft(action="pin", service_id=DEMO_CURATED, target_kind="need", target="housing",
                               area="national", reason="Demo: asumistuki on ensisijainen tuki asumiskuluihin",
                               expires=utcnow().date() + timedelta(days=90)))
    return f"pin #{cid} (housing, national)"
