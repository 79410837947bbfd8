#pragma once

#include "AppSettings.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QKeySequenceEdit;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace baton::ui {

// Edits the person's AppSettings: display name, default port, control policy,
// preferred codec, frame-rate cap, panic shortcut and a certificate from a CA for the
// shares (checked as it is chosen: OK stays disabled while it cannot be used), and shows
// the fingerprint of the certificate shares use (what invite links carry) so it can be
// read out and compared. The dialog edits a copy; settings() returns it after OK.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(const AppSettings &settings, const QString &certificateFingerprint,
                   QWidget *parent = nullptr);

    // The values as edited; fields the dialog does not show (recent sessions) are kept.
    AppSettings settings() const;

    // A SHA-256 fingerprint as people read it aloud: upper-case hex in groups of four.
    static QString fingerprintText(const QByteArray &sha256);

private:
    void load(const AppSettings &settings);
    void updateOk();
    // A line edit with a Browse… button that picks an existing file into it.
    QWidget *fileField(QLineEdit *edit, const QString &pickerTitle);
    // Checks the certificate pair as a share will: empty (none) or a usable pair.
    void checkCertificate();

    AppSettings original_;
    QString ownFingerprint_; // this machine's own certificate's, as shown
    bool certificateUsable_ = true;
    QLineEdit *displayName_;
    QSpinBox *port_;
    QComboBox *policy_;
    QComboBox *codec_;
    QSpinBox *maxFps_;
    QKeySequenceEdit *panicShortcut_;
    QLineEdit *tlsCertificate_;
    QLineEdit *tlsKey_;
    QLabel *certificateStatus_;
    QLabel *fingerprint_;
    QDialogButtonBox *buttons_;
};

} // namespace baton::ui
