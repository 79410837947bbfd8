#pragma once

#include <QByteArray>
#include <QLoggingCategory>
#include <QStringList>
#include <QtGlobal>

namespace baton::test {

// The messages one logging category writes at one level while this lives, for tests that
// count log lines; every other message goes on to the handler that was installed before,
// which is restored at the end. One at a time, on the thread that logs.
class LogCapture {
public:
    LogCapture(const char *category, QtMsgType type)
    {
        category_ = category;
        type_ = type;
        lines_.clear();
        previous_ = qInstallMessageHandler(&LogCapture::handle);
        // Baton's categories write no debug lines unless asked to; a capture of them asks.
        if (type == QtDebugMsg)
            QLoggingCategory::setFilterRules(QStringLiteral("%1.debug=true").arg(category));
    }
    ~LogCapture()
    {
        if (type_ == QtDebugMsg)
            QLoggingCategory::setFilterRules(QString());
        qInstallMessageHandler(previous_);
    }
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    const QStringList &lines() const { return lines_; }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &text)
    {
        if (type == type_ && category_ == context.category)
            lines_.append(text);
        else if (previous_)
            previous_(type, context, text);
    }

    static inline QByteArray category_;
    static inline QtMsgType type_ = QtDebugMsg;
    static inline QStringList lines_;
    static inline QtMessageHandler previous_ = nullptr;
};

} // namespace baton::test
