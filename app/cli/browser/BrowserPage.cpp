#include "BrowserPage.h"

#include "CdpClient.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace baton::cli {
namespace {

constexpr int kShiftModifier = 8; // CDP's Input modifiers: Alt 1, Ctrl 2, Meta 4, Shift 8

struct KeyFor {
    QString code;
    int virtualKey = 0;
    bool shift = false;
};

// The US layout's physical key for the characters type() accepts.
std::optional<KeyFor> keyFor(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= 'a' && u <= 'z')
        return KeyFor{QStringLiteral("Key") + QChar(u - 'a' + 'A'), int(u - 'a' + 'A')};
    if (u >= 'A' && u <= 'Z')
        return KeyFor{QStringLiteral("Key") + c, int(u), true};
    if (u >= '0' && u <= '9')
        return KeyFor{QStringLiteral("Digit") + c, int(u)};
    switch (u) {
    case ' ':
        return KeyFor{QStringLiteral("Space"), 0x20};
    case '-':
        return KeyFor{QStringLiteral("Minus"), 0xbd};
    case '_':
        return KeyFor{QStringLiteral("Minus"), 0xbd, true};
    case '.':
        return KeyFor{QStringLiteral("Period"), 0xbe};
    case '>':
        return KeyFor{QStringLiteral("Period"), 0xbe, true};
    case '/':
        return KeyFor{QStringLiteral("Slash"), 0xbf};
    case '~':
        return KeyFor{QStringLiteral("Backquote"), 0xc0, true};
    case ':':
        return KeyFor{QStringLiteral("Semicolon"), 0xba, true};
    case '=':
        return KeyFor{QStringLiteral("Equal"), 0xbb};
    default:
        return std::nullopt;
    }
}

} // namespace

std::unique_ptr<BrowserPage> BrowserPage::open(CdpClient &cdp, QString *error)
{
    const auto target =
        cdp.call(QStringLiteral("Target.createTarget"),
                 {{QStringLiteral("url"), QStringLiteral("about:blank")}}, {}, error);
    if (!target)
        return nullptr;
    const QString targetId = target->value(QLatin1String("targetId")).toString();
    const auto attached = cdp.call(
        QStringLiteral("Target.attachToTarget"),
        {{QStringLiteral("targetId"), targetId}, {QStringLiteral("flatten"), true}}, {}, error);
    if (!attached)
        return nullptr;
    return std::unique_ptr<BrowserPage>(
        new BrowserPage(cdp, targetId, attached->value(QLatin1String("sessionId")).toString()));
}

BrowserPage::BrowserPage(CdpClient &cdp, QString targetId, QString sessionId)
    : cdp_(cdp), targetId_(std::move(targetId)), sessionId_(std::move(sessionId))
{
}

BrowserPage::~BrowserPage()
{
    if (cdp_.isOpen())
        cdp_.call(QStringLiteral("Target.closeTarget"), {{QStringLiteral("targetId"), targetId_}});
}

bool BrowserPage::navigate(const QString &url, QString *error)
{
    const auto result = cdp_.call(QStringLiteral("Page.navigate"), {{QStringLiteral("url"), url}},
                                  sessionId_, error);
    if (!result)
        return false;
    // A page that did not load (a refused certificate: net::ERR_CERT_AUTHORITY_INVALID)
    // is answered with its error text, not a protocol error.
    const QString failed = result->value(QLatin1String("errorText")).toString();
    if (failed.isEmpty())
        return true;
    *error = QStringLiteral("%1: %2").arg(url, failed);
    return false;
}

std::optional<QJsonValue> BrowserPage::evaluate(const QString &expression, QString *error)
{
    const auto result = cdp_.call(QStringLiteral("Runtime.evaluate"),
                                  {{QStringLiteral("expression"), expression},
                                   {QStringLiteral("awaitPromise"), true},
                                   {QStringLiteral("returnByValue"), true}},
                                  sessionId_, error);
    if (!result)
        return std::nullopt;
    if (result->contains(QLatin1String("exceptionDetails"))) {
        const QJsonObject details = result->value(QLatin1String("exceptionDetails")).toObject();
        const QString description = details.value(QLatin1String("exception"))
                                        .toObject()
                                        .value(QLatin1String("description"))
                                        .toString();
        *error =
            description.isEmpty() ? details.value(QLatin1String("text")).toString() : description;
        return std::nullopt;
    }
    return result->value(QLatin1String("result")).toObject().value(QLatin1String("value"));
}

bool BrowserPage::waitUntil(const QString &condition, int timeoutMs, QString *error)
{
    const QDeadlineTimer deadline(timeoutMs);
    QString last;
    for (;;) {
        QString why;
        const auto value = evaluate(condition, &why);
        if (value && value->toBool())
            return true;
        last = value
            ? QString::fromUtf8(QJsonDocument(QJsonArray{*value}).toJson(QJsonDocument::Compact))
            : why;
        if (deadline.hasExpired() || !cdp_.isOpen())
            break;
        QEventLoop loop;
        QTimer::singleShot(kPollMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    *error = QStringLiteral("%1 still not true after %2 ms (it gave %3)")
                 .arg(condition)
                 .arg(timeoutMs)
                 .arg(last);
    return false;
}

bool BrowserPage::click(double x, double y, QString *error)
{
    for (const char *type : {"mouseMoved", "mousePressed", "mouseReleased"}) {
        QJsonObject params{{QStringLiteral("type"), QString::fromLatin1(type)},
                           {QStringLiteral("x"), x},
                           {QStringLiteral("y"), y}};
        if (QLatin1String(type) != QLatin1String("mouseMoved")) {
            params[QStringLiteral("button")] = QStringLiteral("left");
            params[QStringLiteral("clickCount")] = 1;
        }
        if (!cdp_.call(QStringLiteral("Input.dispatchMouseEvent"), params, sessionId_, error))
            return false;
    }
    return true;
}

bool BrowserPage::clickElement(const QString &element, QString *error)
{
    const auto box = evaluate(
        QStringLiteral("(() => { const e = %1; if (!e) return null;"
                       " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                       " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()")
            .arg(element),
        error);
    if (!box)
        return false;
    if (!box->isObject()) {
        *error = QStringLiteral("no element: %1").arg(element);
        return false;
    }
    const QJsonObject at = box->toObject();
    return click(at.value(QLatin1String("x")).toDouble(), at.value(QLatin1String("y")).toDouble(),
                 error);
}

bool BrowserPage::type(const QString &text, QString *error)
{
    for (const QChar c : text) {
        const auto k = keyFor(c);
        if (!k) {
            *error = QStringLiteral("cannot type '%1'").arg(c);
            return false;
        }
        const int modifiers = k->shift ? kShiftModifier : 0;
        if (k->shift &&
            !key(QStringLiteral("rawKeyDown"), QStringLiteral("Shift"), QStringLiteral("ShiftLeft"),
                 0x10, {}, kShiftModifier, error))
            return false;
        if (!key(QStringLiteral("keyDown"), c, k->code, k->virtualKey, c, modifiers, error) ||
            !key(QStringLiteral("keyUp"), c, k->code, k->virtualKey, {}, modifiers, error))
            return false;
        if (k->shift &&
            !key(QStringLiteral("keyUp"), QStringLiteral("Shift"), QStringLiteral("ShiftLeft"),
                 0x10, {}, 0, error))
            return false;
    }
    return true;
}

bool BrowserPage::press(const QString &keyName, const QString &code, int virtualKey, QString *error)
{
    const QString text = keyName == QLatin1String("Enter") ? QStringLiteral("\r") : QString();
    return key(text.isEmpty() ? QStringLiteral("rawKeyDown") : QStringLiteral("keyDown"), keyName,
               code, virtualKey, text, 0, error) &&
        key(QStringLiteral("keyUp"), keyName, code, virtualKey, {}, 0, error);
}

bool BrowserPage::key(const QString &type, const QString &keyName, const QString &code,
                      int virtualKey, const QString &text, int modifiers, QString *error)
{
    QJsonObject params{{QStringLiteral("type"), type},
                       {QStringLiteral("key"), keyName},
                       {QStringLiteral("code"), code},
                       {QStringLiteral("windowsVirtualKeyCode"), virtualKey},
                       {QStringLiteral("modifiers"), modifiers}};
    if (!text.isEmpty()) {
        params[QStringLiteral("text")] = text;
        params[QStringLiteral("unmodifiedText")] = text;
    }
    return cdp_.call(QStringLiteral("Input.dispatchKeyEvent"), params, sessionId_, error)
        .has_value();
}

QByteArray BrowserPage::screenshot(QString *error)
{
    const auto shot =
        cdp_.call(QStringLiteral("Page.captureScreenshot"),
                  {{QStringLiteral("format"), QStringLiteral("png")}}, sessionId_, error);
    return shot ? QByteArray::fromBase64(shot->value(QLatin1String("data")).toString().toLatin1())
                : QByteArray();
}

} // namespace baton::cli
