#pragma once

#include "core/display/DdcControl.h"

#include <QHash>

#include <memory>

namespace baton::display {

// DDC/CI through the `ddcutil` command-line tool (rockowitz/ddcutil), which owns the
// I2C details: retries, verification by read-back, per-bus locking. Displays are
// addressed by their EDID (`--edid`), so the agent's display ids and ddcutil's
// numbering can never disagree. Calls block until ddcutil exits (each DDC
// transaction takes 40-50 ms; a whole call stays under the timeout).
class DdcutilControl : public DdcControl {
public:
    // nullptr with a reason when the program is missing or `ddcutil detect` fails.
    static std::unique_ptr<DdcutilControl> create(const QString &program, QString *whyNot);

    QString name() const override { return QStringLiteral("ddcutil"); }
    bool reaches(const DisplayInfo &display) override;
    std::optional<VcpValue> read(const DisplayInfo &display, VcpFeature feature,
                                 BackendResult *error) override;
    BackendResult write(const DisplayInfo &display, VcpFeature feature, int value) override;

    // Parses one `ddcutil --terse getvcp` line: "VCP 10 C 50 100" or "VCP 60 SNC x0f".
    static std::optional<VcpValue> parseTerseValue(QStringView line);

private:
    struct Run {
        bool ok = false;
        QString output;
    };
    explicit DdcutilControl(QString program) : program_(std::move(program)) { }
    Run run(const QStringList &arguments) const;
    static QStringList selectByEdid(const DisplayInfo &display);

    QString program_;
    QHash<QString, bool> reachable_; // by display id; DDC presence does not change while running
};

} // namespace baton::display
