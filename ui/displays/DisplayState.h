#pragma once

#include <QMap>
#include <QString>

namespace baton::ui {

// One display of an agent as the Displays panel knows it: the properties the agent
// reported (INFO, then `prop` events) and, for each property the panel can edit but
// the display lacks, the agent's own words for why (its 504 reply).
struct DisplayState {
    QString id;    // the stable id (docs/issd.md §1), used as `id:<id>` in commands
    int index = 0; // 1-based, as LIST numbers it
    QMap<QString, QString> properties;
    QMap<QString, QString> unsupported;

    QString value(const QString &name) const { return properties.value(name); }
    bool has(const QString &name) const { return properties.contains(name); }
    QString selector() const { return QStringLiteral("id:") + id; }
};

} // namespace baton::ui
