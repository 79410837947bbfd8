#pragma once

#include "AppSettings.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QKeySequenceEdit;
class QLineEdit;
class QSpinBox;

namespace baton::ui {

// Edits the person's AppSettings: display name, default port, control policy,
// preferred codec, frame-rate cap and panic shortcut, and shows the fingerprint of
// this machine's certificate (what viewers see in invite links) so it can be read out
// and compared. The dialog edits a copy; settings() returns it after OK.
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

    AppSettings original_;
    QLineEdit *displayName_;
    QSpinBox *port_;
    QComboBox *policy_;
    QComboBox *codec_;
    QSpinBox *maxFps_;
    QKeySequenceEdit *panicShortcut_;
    QDialogButtonBox *buttons_;
};

} // namespace baton::ui
