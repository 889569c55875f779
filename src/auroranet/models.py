"""Every table, imported in one place so that Alembic and tests see the whole schema."""

from auroranet.assistant import models as assistant_models  # noqa: F401
from auroranet.catalogue import models as catalogue_models  # noqa: F401
from auroranet.catalogue import version as catalogue_version  # noqa: F401
from auroranet.consent import models as consent_models  # noqa: F401
from auroranet.curation import models as curation_models  # noqa: F401
from auroranet.db.core import Base
from auroranet.insights import models as insights_models  # noqa: F401
from auroranet.identity import models as identity_models  # noqa: F401
from auroranet.jobs import models as jobs_models  # noqa: F401
from auroranet.livechat import models as livechat_models  # noqa: F401
from auroranet.network import models as network_models  # noqa: F401
from auroranet.official import models as official_models  # noqa: F401
from auroranet.oauth import models as oauth_models  # noqa: F401
from auroranet.profile import models as profile_models  # noqa: F401
from auroranet.recommend import models as recommend_models  # noqa: F401
from auroranet.referrals import models as referrals_models  # noqa: F401
from auroranet.resultcodes import models as resultcodes_models  # noqa: F401
from auroranet.search import models as search_models  # noqa: F401
from auroranet.usage import models as usage_models  # noqa: F401
from auroranet.wallet import models as wallet_models  # noqa: F401
from auroranet.web import models as web_models  # noqa: F401

metadata = Base.metadata
