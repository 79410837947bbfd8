#pragma once

#include <QLoggingCategory>

// The transport's logging category; its debug lines with QT_LOGGING_RULES="baton.net.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcNet)
