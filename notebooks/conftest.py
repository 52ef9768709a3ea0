"""nbval runs these notebooks on the sample logs: a developer's footstats-settings.toml beside
them (their own log, a participant) is ignored, so the stored outputs still compare. The
kernels nbval starts inherit this environment variable."""

import os

os.environ["FOOTSTATS_SETTINGS"] = "none"
