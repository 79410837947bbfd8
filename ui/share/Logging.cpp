#include "ui/share/Logging.h"

Q_LOGGING_CATEGORY(lcShare, "baton.share")
