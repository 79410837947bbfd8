#pragma once

#include <QLoggingCategory>

// One logging category per module; debug lines with QT_LOGGING_RULES="baton.*.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcCommon)
