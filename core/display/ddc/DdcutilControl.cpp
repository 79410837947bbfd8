#include "core/display/ddc/DdcutilControl.h"

#include "core/display/Logging.h"

#include <QProcess>
#include <QStandardPaths>

namespace baton::display {
namespace {

constexpr int kTimeoutMs = 5000;

QString hexCode(VcpFeature feature)
{
    return QStringLiteral("%1").arg(quint8(feature), 2, 16, QLatin1Char('0'));
}

} // namespace

std::unique_ptr<DdcutilControl> DdcutilControl::create(const QString &program, QString *whyNot)
{
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        *whyNot = QStringLiteral("'%1' is not installed").arg(program);
        return nullptr;
    }
    std::unique_ptr<DdcutilControl> control(new DdcutilControl(path));
    const Run detect = control->run({QStringLiteral("detect"), QStringLiteral("--terse")});
    if (!detect.ok) {
        *whyNot = QStringLiteral("'ddcutil detect' failed: %1").arg(detect.output.trimmed());
        return nullptr;
    }
    if (!detect.output.contains(QLatin1String("Display "))) {
        *whyNot = QStringLiteral("ddcutil found no display that answers DDC/CI");
        return nullptr;
    }
    return control;
}

DdcutilControl::Run DdcutilControl::run(const QStringList &arguments) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program_, arguments);
    if (!process.waitForFinished(kTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {false, QStringLiteral("ddcutil did not answer within %1 ms").arg(kTimeoutMs)};
    }
    const QString output = QString::fromUtf8(process.readAll());
    return {process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, output};
}

QStringList DdcutilControl::selectByEdid(const DisplayInfo &display)
{
    return {QStringLiteral("--edid"), QString::fromLatin1(display.edid.first(128).toHex())};
}

bool DdcutilControl::reaches(const DisplayInfo &display)
{
    if (display.edid.size() < 128)
        return false;
    if (const auto known = reachable_.constFind(display.id); known != reachable_.constEnd())
        return *known;
    BackendResult error;
    const bool ok = read(display, VcpFeature::Brightness, &error).has_value();
    reachable_.insert(display.id, ok);
    qCInfo(lcDisplay) << "ddcutil:" << display.connector << (ok ? "answers DDC/CI" : "does not answer DDC/CI");
    return ok;
}

std::optional<VcpValue> DdcutilControl::parseTerseValue(QStringView line)
{
    const auto parts = line.trimmed().split(u' ', Qt::SkipEmptyParts);
    if (parts.size() < 4 || parts[0] != u"VCP")
        return std::nullopt;
    bool ok = false;
    VcpValue value;
    if (parts[2] == u"C" && parts.size() >= 5) {
        value.current = parts[3].toInt(&ok);
        if (!ok)
            return std::nullopt;
        value.maximum = parts[4].toInt(&ok);
    } else if (parts[2] == u"SNC" || parts[2] == u"CNC") {
        QStringView hex = parts[3];
        if (hex.startsWith(u'x'))
            hex = hex.sliced(1);
        value.current = hex.toInt(&ok, 16);
        value.maximum = 0xFF;
    }
    if (!ok || value.current < 0 || value.maximum < 0)
        return std::nullopt;
    return value;
}

std::optional<VcpValue> DdcutilControl::read(const DisplayInfo &display, VcpFeature feature,
                                             BackendResult *error)
{
    if (display.edid.size() < 128) {
        *error = BackendResult::fail(BackendResult::Kind::Unsupported,
                                     QStringLiteral("%1 has no EDID to address it over DDC").arg(display.connector));
        return std::nullopt;
    }
    const Run result = run(selectByEdid(display) +
                           QStringList{QStringLiteral("--terse"), QStringLiteral("getvcp"), hexCode(feature)});
    const auto value = result.ok ? parseTerseValue(result.output) : std::nullopt;
    if (!value)
        *error = BackendResult::fail(BackendResult::Kind::Unavailable,
                                     QStringLiteral("%1 does not answer DDC: %2")
                                         .arg(display.connector, result.output.trimmed().left(200)));
    return value;
}

BackendResult DdcutilControl::write(const DisplayInfo &display, VcpFeature feature, int value)
{
    const Run result = run(selectByEdid(display) +
                           QStringList{QStringLiteral("setvcp"), hexCode(feature), QString::number(value)});
    if (!result.ok)
        return BackendResult::fail(BackendResult::Kind::Unavailable,
                                   QStringLiteral("ddcutil setvcp failed on %1: %2")
                                       .arg(display.connector, result.output.trimmed().left(200)));
    return BackendResult::ok();
}

} // namespace baton::display
