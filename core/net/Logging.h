#pragma once

#include <QLoggingCategory>

// The transport's logging category; enable with QT_LOGGING_RULES="baton.net=true".
Q_DECLARE_LOGGING_CATEGORY(lcNet)
