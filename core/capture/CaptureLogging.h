#pragma once

#include <QLoggingCategory>

// baton.capture: backend choice, window lookups, capture failures.
Q_DECLARE_LOGGING_CATEGORY(lcCapture)
