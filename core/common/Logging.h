#pragma once

#include <QLoggingCategory>

// One logging category per module; enable with QT_LOGGING_RULES="baton.*=true".
Q_DECLARE_LOGGING_CATEGORY(lcCommon)
