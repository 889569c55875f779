"""The retention notice as an e-mail, for the address the person left for notices (optional, sealed).
Queued by ``service.apply_retention`` into the shared outbox and sent by ``referrals/delivery.py``; the
message is composed at send time, so a profile used again, an address removed or an account erased in
the meantime sends nothing. No name or personal value is in the message."""

from __future__ import annotations

from email.message import EmailMessage

from auroranet.i18n import pick
from auroranet.profile.messages import MESSAGES
from auroranet.profile.models import Profile
from auroranet.profile.service import notice_email
from auroranet.runtime import Runtime

LANGS = ("fi", "sv", "en")  # no language is kept with a profile: the notice is in all three


def retention_message(rt: Runtime, subject: str) -> EmailMessage | None:
    st = rt.settings
    with rt.db.session() as s:
        prof = s.get(Profile, subject)
        if prof is None or prof.notice_sent_at is None:
            return None  # erased, or used again since the notice
        to = notice_email(st, prof)
    if to is None:
        return None
    msg = EmailMessage()
    msg["From"], msg["To"] = st.smtp_from, to
    msg["Subject"] = " / ".join(pick(MESSAGES["notice_mail_subject"], lang) for lang in LANGS)
    url = st.public_base_url.rstrip("/") + "/profile"
    parts = [f"{pick(MESSAGES['retention_notice'], lang)}\n"
             f"{pick(MESSAGES['retention_info'], lang).format(months=st.profile_retention_months, days=st.profile_notice_days)}\n"
             f"{pick(MESSAGES['notice_mail_open'], lang).format(url=url)}" for lang in LANGS]
    msg.set_content("\n\n".join(parts))
    return msg
