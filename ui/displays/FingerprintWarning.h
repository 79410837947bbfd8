#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace baton::ui {

// The warning shown when an agent's certificate is not the one pinned for its address:
// both fingerprints, what it may mean, and one deliberate way on ("Trust the new
// certificate"), so that nothing continues silently.
class FingerprintWarning : public QFrame {
    Q_OBJECT
public:
    explicit FingerprintWarning(QWidget *parent = nullptr);

    void showFor(const QString &address, const QString &explanation, const QByteArray &pinned,
                 const QByteArray &seen);
    QString text() const;

signals:
    void trustRequested();

private:
    QLabel *message_;
    QPushButton *trust_;
};

} // namespace baton::ui
