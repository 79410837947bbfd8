#include "core/capture/CaptureLogging.h"

Q_LOGGING_CATEGORY(lcCapture, "baton.capture")
