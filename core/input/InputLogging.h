#pragma once

#include <QLoggingCategory>

// baton.input: which input backend a share got, and why the others were skipped.
Q_DECLARE_LOGGING_CATEGORY(lcInput)
