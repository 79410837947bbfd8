#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <memory>
#include <optional>

namespace baton::cli {

class CdpClient;

// One tab of a headless browser, driven through its DevTools session: navigation,
// JavaScript evaluated in the page, and real input events that go through the page's
// own handlers (Input.dispatch*Event), as a person's mouse and keyboard would.
class BrowserPage {
public:
    static constexpr int kPollMs = 50;

    // Opens a blank tab; null with the reason in *error.
    static std::unique_ptr<BrowserPage> open(CdpClient &cdp, QString *error);
    ~BrowserPage();
    BrowserPage(const BrowserPage &) = delete;
    BrowserPage &operator=(const BrowserPage &) = delete;

    // Loads URL; false when the browser could not (a certificate refused, nothing there).
    bool navigate(const QString &url, QString *error);
    // EXPRESSION's value (a promise's result when it returns one), as JSON; nullopt with
    // the exception or the protocol error in *error.
    std::optional<QJsonValue> evaluate(const QString &expression, QString *error);
    // Evaluates CONDITION every kPollMs until it is true; false with the last value or
    // error in *error after timeoutMs.
    bool waitUntil(const QString &condition, int timeoutMs, QString *error);

    // A left click at (x, y) in CSS pixels of the viewport.
    bool click(double x, double y, QString *error);
    // Clicks the middle of the element the JavaScript expression ELEMENT gives.
    bool clickElement(const QString &element, QString *error);
    // Types TEXT key by key (keyDown/keyUp with the physical key's code, Shift held for
    // the shifted characters). Letters, digits, space and - _ . / > ~ : = only; false for
    // anything else.
    bool type(const QString &text, QString *error);
    // Presses and releases one key: KEY as KeyboardEvent.key, CODE as KeyboardEvent.code,
    // virtualKey the Windows virtual-key code chromium maps it with.
    bool press(const QString &key, const QString &code, int virtualKey, QString *error);

    // The viewport as PNG bytes, for looking at what the page shows.
    QByteArray screenshot(QString *error);

private:
    BrowserPage(CdpClient &cdp, QString targetId, QString sessionId);
    bool key(const QString &type, const QString &key, const QString &code, int virtualKey,
             const QString &text, int modifiers, QString *error);

    CdpClient &cdp_;
    QString targetId_;
    QString sessionId_;
};

} // namespace baton::cli
