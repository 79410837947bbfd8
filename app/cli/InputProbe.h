#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <vector>

namespace baton {
class Region;
class ViewerSession;
} // namespace baton

namespace baton::cli {

// `join --probe-input N`: measures input to photon from the viewer's side. While the
// viewer holds the floor it types one character at a time into the shared window and
// times how long until the first picture that changes anything arrives; the next key
// waits until then (or a timeout), so each sample is one key's own round trip. Meant for
// a window that is otherwise still (the benchmark's idle xterm echoing what is typed).
class InputProbe : public QObject {
    Q_OBJECT
public:
    InputProbe(ViewerSession &session, int keys, QObject *parent = nullptr);

    // Starts typing; call once the session holds the floor.
    void start();
    bool finished() const { return int(samplesMs_.size()) + timeouts_ >= keys_; }
    // input_to_photon_ms_median / _p90 / _samples / _timeouts.
    QJsonObject toJson() const;

signals:
    void done();

private:
    void sendNext();
    void onPresented(const baton::Region &damage);
    void onTimeout();

    ViewerSession &session_;
    int keys_;
    int sent_ = 0;
    int timeouts_ = 0;
    bool waiting_ = false;
    QElapsedTimer sinceKey_;
    QTimer pause_;
    QTimer timeout_;
    std::vector<double> samplesMs_;
};

} // namespace baton::cli
