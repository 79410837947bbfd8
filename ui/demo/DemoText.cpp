#include "ui/demo/DemoText.h"

#include <QRandomGenerator>

#include <array>

namespace baton::demo {
namespace {

constexpr std::array kWords = {
    "baton",   "viewer",    "host",     "floor",   "window",  "update",  "region",
    "tile",    "palette",   "scroll",   "pointer", "control", "request", "grant",
    "capture", "damage",    "encode",   "decode",  "frame",   "latency", "share",
    "session", "bandwidth", "keyboard", "cursor",  "display", "room",    "screen",
    "pixel",   "lossless",  "video",    "motion",  "cache",   "queue",   "roster",
};

QString sentence(QRandomGenerator &rng)
{
    const int words = 6 + static_cast<int>(rng.bounded(10));
    QString text;
    for (int i = 0; i < words; ++i) {
        QString word =
            QString::fromLatin1(kWords[rng.bounded(static_cast<quint32>(kWords.size()))]);
        if (i == 0)
            word[0] = word[0].toUpper();
        text += word;
        text += (i + 1 == words) ? QStringLiteral(". ") : QStringLiteral(" ");
    }
    return text;
}

} // namespace

QString DemoText::document(quint32 seed, int paragraphs)
{
    QRandomGenerator rng(seed);
    QString text = QStringLiteral("Baton demo document — seed %1\n\n").arg(seed);
    for (int p = 1; p <= paragraphs; ++p) {
        text += QStringLiteral("%1. ").arg(p);
        const int sentences = 2 + static_cast<int>(rng.bounded(4));
        for (int s = 0; s < sentences; ++s)
            text += sentence(rng);
        text += QStringLiteral("\n\n");
    }
    return text;
}

QStringList DemoText::listItems(quint32 seed, int count)
{
    QRandomGenerator rng(seed ^ 0x9e3779b9u);
    QStringList items;
    for (int i = 0; i < count; ++i) {
        const char *word = kWords[rng.bounded(static_cast<quint32>(kWords.size()))];
        items << QStringLiteral("%1 — %2 %3")
                     .arg(i + 1, 2, 10, QLatin1Char('0'))
                     .arg(QString::fromLatin1(word))
                     .arg(rng.bounded(1000));
    }
    return items;
}

} // namespace baton::demo
