#pragma once

#include <QString>
#include <QStringList>

namespace baton::demo {

// Deterministic content for the demo window: the same seed always gives the same
// text and list, so tests and benchmarks can compare pixels across runs.
class DemoText {
public:
    static QString document(quint32 seed, int paragraphs = 24);
    static QStringList listItems(quint32 seed, int count = 40);
};

} // namespace baton::demo
