#pragma once

#include "core/display/DisplaySystem.h"
#include "core/issd/IssdArguments.h"
#include "core/issd/IssdReply.h"

#include <QHash>

#include <variant>

namespace baton::issd {

// The ISSD property model over a DisplaySystem: selectors, GET of every property the
// hardware really has, and SET as one transaction (layout through the backend in one
// call, then power and DDC; on a failure what was already applied is put back).
// A property the display lacks is never invented: GET/SET answer 504 E_UNSUPPORTED.
class IssdDisplayProperties {
public:
    using Properties = QList<std::pair<QString, QString>>; // ordered name=value

    explicit IssdDisplayProperties(display::DisplaySystem &system) : system_(system) { }

    // Reads the displays afresh; LIST and index selectors use this order.
    QList<display::DisplayInfo> refresh();
    const QList<display::DisplayInfo> &current() const { return displays_; }

    // `1`, `id:…`, `name:…`, `primary`; `*` only when allowAll. An error reply when
    // nothing matches (550) or the selector is malformed (501).
    std::variant<QList<display::DisplayInfo>, Reply> select(const QString &selector, bool allowAll);

    // Every readable property of the display, in documentation order.
    Properties all(const display::DisplayInfo &display);
    // The short summary LIST prints per display.
    Properties summary(const display::DisplayInfo &display);
    // One property, or the error reply for it.
    std::variant<QString, Reply> get(const display::DisplayInfo &display, const QString &name);

    struct SetOutcome {
        Reply reply;
        bool changedLayout = false;
        display::DisplayLayout previousLayout; // for auto-revert
    };
    // SET: `changes` are name=value; force allows irreversible power off.
    SetOutcome set(const display::DisplayInfo &display, const Properties &changes, bool force);
    // Puts a layout back (auto-revert).
    display::BackendResult restoreLayout(const display::DisplayInfo &display,
                                         const display::DisplayLayout &layout);

    static bool isLayoutProperty(const QString &name);
    static Reply replyFor(const display::BackendResult &result);
    QString label(const QString &displayId) const { return labels_.value(displayId); }
    bool hasPower(const display::DisplayInfo &display);

private:
    bool ddcReaches(const display::DisplayInfo &display);

    display::DisplaySystem &system_;
    QList<display::DisplayInfo> displays_;
    QHash<QString, QString> labels_; // admin-chosen names by display id, for this run
};

} // namespace baton::issd
