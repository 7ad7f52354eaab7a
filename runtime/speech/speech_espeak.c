/* The "espeak" speech backend: espeak-ng runs as separate processes (it is GPL and never linked)
 * and its audio is played through SDL audio.
 *
 * Latency comes from warm processes: `espeak-ng -v VOICE -s WPM --stdout` is started ahead of need
 * and loads its voice while it waits for text on stdin. To say something the worker thread takes
 * the warm process of that voice, writes the text, closes stdin (so the process says exactly that
 * and exits: the end of its output is the end of the utterance) and at once starts the next warm
 * process for the same voice. Stopping kills the speaking process and empties the ring buffer the
 * SDL audio callback reads; the callback applies the visitor's volume, so a change is heard at
 * once.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SDL.h>

#include "base/base.h"
#include "speech/speech.h"

extern char **environ;

#define RATE_HZ 22050
#define RING_SAMPLES (RATE_HZ * 60) /* one minute of queued speech */
#define N_WARM 4
#define BASE_WPM 175
#define SILENCE_LEVEL 96            /* |sample| below this at the start is skipped */
#define MAX_LEAD_SKIP (RATE_HZ / 2) /* never skip more than 0.5 s */

typedef struct warm_proc {
    pid_t pid; /* 0 = empty slot */
    int in_fd; /* our end of its stdin (a socket, so a dead child gives EPIPE, not SIGPIPE) */
    int out_fd;
    char voice[64];
    int rate_pct;
    uint64_t started_ns;
} warm_proc;

typedef struct job {
    struct job *next;
    char *lang, *voice, *text, *file;
    int rate_pct;
    unsigned gen;
} job;

typedef struct espeak_impl {
    char *program;
    SDL_AudioDeviceID dev;
    /* ring buffer, guarded by SDL_LockAudioDevice */
    int16_t *ring;
    size_t r_pos, n_queued;
    volatile int volume_pct;

    pthread_t worker;
    int worker_started;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    job *head, *tail;       /* guarded by mu */
    int quit;               /* guarded by mu */
    unsigned gen;           /* guarded by mu; stop increments it */
    pid_t speaking;         /* guarded by mu */
    int working;            /* guarded by mu */
    warm_proc warm[N_WARM]; /* guarded by mu */
    uint64_t last_start_ns; /* guarded by mu */
} espeak_impl;

/* ---------------------------------------------------------------- audio */

static void SDLCALL audio_cb(void *user, Uint8 *stream, int len)
{
    espeak_impl *e = user;
    int16_t *out = (int16_t *)stream;
    size_t n = (size_t)len / 2;
    int vol = e->volume_pct;
    for (size_t i = 0; i < n; i++) {
        if (e->n_queued == 0) {
            out[i] = 0;
            continue;
        }
        int32_t v = e->ring[e->r_pos] * vol / 100;
        out[i] = (int16_t)v;
        e->r_pos = (e->r_pos + 1) % RING_SAMPLES;
        e->n_queued--;
    }
}

/* Appends samples unless gen moved on (a stop). Waits while the ring is full. Returns 0, or -1
 * when the utterance was stopped. */
static int push_samples(espeak_impl *e, const int16_t *s, size_t n, unsigned gen)
{
    while (n > 0) {
        pthread_mutex_lock(&e->mu);
        int stopped = e->gen != gen || e->quit;
        size_t done = 0;
        if (!stopped) {
            SDL_LockAudioDevice(e->dev);
            size_t room = RING_SAMPLES - e->n_queued;
            size_t w = (e->r_pos + e->n_queued) % RING_SAMPLES;
            for (; done < n && done < room; done++) {
                e->ring[w] = s[done];
                w = (w + 1) % RING_SAMPLES;
            }
            e->n_queued += done;
            SDL_UnlockAudioDevice(e->dev);
        }
        pthread_mutex_unlock(&e->mu);
        if (stopped)
            return -1;
        s += done;
        n -= done;
        if (n > 0)
            SDL_Delay(20);
    }
    return 0;
}

static void note_start(espeak_impl *e, unsigned gen)
{
    pthread_mutex_lock(&e->mu);
    if (e->gen == gen)
        e->last_start_ns = md_time_ns();
    pthread_mutex_unlock(&e->mu);
}

/* Skips the quiet lead-in of a synthesised utterance so the first thing heard is speech. Returns
 * how many of s[0..n) to skip; *lead counts what was skipped so far. */
static size_t quiet_lead(const int16_t *s, size_t n, size_t *lead)
{
    size_t i = 0;
    while (i < n && *lead < MAX_LEAD_SKIP && abs(s[i]) < SILENCE_LEVEL) {
        i++;
        (*lead)++;
    }
    if (i < n)
        *lead = MAX_LEAD_SKIP; /* speech began: skip nothing more */
    return i;
}

/* ---------------------------------------------------------------- processes */

static void reap(pid_t pid)
{
    if (pid <= 0)
        return;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
}

static void warm_close(warm_proc *w)
{
    if (!w->pid)
        return;
    if (w->in_fd >= 0)
        close(w->in_fd);
    if (w->out_fd >= 0)
        close(w->out_fd);
    kill(w->pid, SIGKILL);
    reap(w->pid);
    memset(w, 0, sizeof *w);
    w->in_fd = w->out_fd = -1;
}

/* Starts `program -v voice -s wpm --stdout` with stdin and stdout connected to us. */
static int spawn(const espeak_impl *e, const char *voice, int rate_pct, warm_proc *w)
{
    int in_sv[2] = {-1, -1}, out_p[2] = {-1, -1};
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in_sv) < 0 ||
        pipe2(out_p, O_CLOEXEC) < 0) {
        md_log(MD_LOG_ERROR, "SPEECH", "espeak: cannot make pipes: %s", strerror(errno));
        for (int i = 0; i < 2; i++) {
            if (in_sv[i] >= 0)
                close(in_sv[i]);
            if (out_p[i] >= 0)
                close(out_p[i]);
        }
        return -1;
    }
    int wpm = BASE_WPM * rate_pct / 100;
    if (wpm < 80)
        wpm = 80;
    if (wpm > 450)
        wpm = 450;
    char wpm_s[16];
    snprintf(wpm_s, sizeof wpm_s, "%d", wpm);
    char *argv[] = {e->program, "-v", (char *)voice, "-s", wpm_s, "--stdout", NULL};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in_sv[1], 0);
    posix_spawn_file_actions_adddup2(&fa, out_p[1], 1);
    pid_t pid = 0;
    int rc = posix_spawnp(&pid, e->program, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(in_sv[1]);
    close(out_p[1]);
    if (rc != 0) {
        md_log(MD_LOG_ERROR, "SPEECH", "espeak: cannot start %s: %s", e->program, strerror(rc));
        close(in_sv[0]);
        close(out_p[0]);
        return -1;
    }
    memset(w, 0, sizeof *w);
    w->pid = pid;
    w->in_fd = in_sv[0];
    w->out_fd = out_p[0];
    snprintf(w->voice, sizeof w->voice, "%s", voice);
    w->rate_pct = rate_pct;
    w->started_ns = md_time_ns();
    return 0;
}

/* Takes the warm process for voice and rate out of the pool (mu held). Returns 0 or -1. */
static int take_warm(espeak_impl *e, const char *voice, int rate_pct, warm_proc *out)
{
    for (int i = 0; i < N_WARM; i++) {
        warm_proc *w = &e->warm[i];
        if (w->pid && !strcmp(w->voice, voice) && w->rate_pct == rate_pct) {
            *out = *w;
            memset(w, 0, sizeof *w);
            w->in_fd = w->out_fd = -1;
            return 0;
        }
    }
    return -1;
}

/* Puts a fresh warm process for voice into the pool unless one is there (mu held), replacing the
 * oldest when full. */
static void ensure_warm(espeak_impl *e, const char *voice, int rate_pct)
{
    int slot = -1;
    for (int i = 0; i < N_WARM; i++) {
        warm_proc *w = &e->warm[i];
        if (w->pid && !strcmp(w->voice, voice) && w->rate_pct == rate_pct)
            return;
        if (w->pid && !strcmp(w->voice, voice)) /* another rate: no longer useful */
            warm_close(w);
    }
    for (int i = 0; i < N_WARM && slot < 0; i++)
        if (!e->warm[i].pid)
            slot = i;
    if (slot < 0) {
        slot = 0;
        for (int i = 1; i < N_WARM; i++)
            if (e->warm[i].started_ns < e->warm[slot].started_ns)
                slot = i;
        warm_close(&e->warm[slot]);
    }
    warm_proc w = {.in_fd = -1, .out_fd = -1};
    if (spawn(e, voice, rate_pct, &w) == 0)
        e->warm[slot] = w;
}

/* Reads exactly n bytes (or fewer at EOF). */
static ssize_t read_full(int fd, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return got > 0 ? (ssize_t)got : r;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

/* Reads the WAV header espeak-ng writes to stdout and checks the format. Returns 0 or -1. */
static int read_wav_header(int fd)
{
    uint8_t h[44];
    if (read_full(fd, h, sizeof h) != (ssize_t)sizeof h)
        return -1;
    if (memcmp(h, "RIFF", 4) || memcmp(h + 8, "WAVE", 4) || memcmp(h + 36, "data", 4)) {
        md_log(MD_LOG_ERROR, "SPEECH", "espeak: output is not the expected WAV stream");
        return -1;
    }
    unsigned ch = h[22] | h[23] << 8;
    unsigned rate = h[24] | h[25] << 8 | (unsigned)h[26] << 16 | (unsigned)h[27] << 24;
    unsigned bits = h[34] | h[35] << 8;
    if (ch != 1 || rate != RATE_HZ || bits != 16) {
        md_log(MD_LOG_ERROR, "SPEECH", "espeak: unexpected format %u ch %u Hz %u bit", ch, rate,
               bits);
        return -1;
    }
    return 0;
}

static void run_synth(espeak_impl *e, const job *j)
{
    warm_proc w = {.in_fd = -1, .out_fd = -1};
    pthread_mutex_lock(&e->mu);
    int got = take_warm(e, j->voice, j->rate_pct, &w);
    pthread_mutex_unlock(&e->mu);
    if (got < 0 && spawn(e, j->voice, j->rate_pct, &w) < 0)
        return;
    pthread_mutex_lock(&e->mu);
    int stale = e->gen != j->gen;
    if (!stale)
        e->speaking = w.pid;
    ensure_warm(e, j->voice, j->rate_pct); /* the next utterance in this voice starts warm */
    pthread_mutex_unlock(&e->mu);
    if (stale) {
        warm_close(&w);
        return;
    }
    size_t len = strlen(j->text);
    const char *p = j->text;
    while (len > 0) {
        ssize_t n = send(w.in_fd, p, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        p += n;
        len -= (size_t)n;
    }
    send(w.in_fd, "\n", 1, MSG_NOSIGNAL);
    close(w.in_fd);
    w.in_fd = -1;
    if (read_wav_header(w.out_fd) == 0) {
        int16_t buf[2048];
        size_t lead = 0;
        int started = 0;
        for (;;) {
            ssize_t n = read(w.out_fd, buf, sizeof buf);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            size_t ns = (size_t)n / 2;
            size_t skip = quiet_lead(buf, ns, &lead);
            if (skip < ns && !started) {
                started = 1;
                note_start(e, j->gen);
            }
            if (push_samples(e, buf + skip, ns - skip, j->gen) < 0)
                break;
        }
    }
    pthread_mutex_lock(&e->mu);
    if (e->speaking == w.pid)
        e->speaking = 0;
    pthread_mutex_unlock(&e->mu);
    close(w.out_fd);
    kill(w.pid, SIGKILL); /* it has exited already unless we stopped reading */
    reap(w.pid);
}

static void run_file(espeak_impl *e, const job *j)
{
    SDL_AudioSpec spec;
    Uint8 *buf = NULL;
    Uint32 n_bytes = 0;
    if (!SDL_LoadWAV(j->file, &spec, &buf, &n_bytes)) {
        md_log(MD_LOG_ERROR, "SPEECH", "cannot play %s: %s", j->file, SDL_GetError());
        return;
    }
    SDL_AudioCVT cvt;
    int rc =
        SDL_BuildAudioCVT(&cvt, spec.format, spec.channels, spec.freq, AUDIO_S16SYS, 1, RATE_HZ);
    if (rc < 0) {
        md_log(MD_LOG_ERROR, "SPEECH", "cannot convert %s: %s", j->file, SDL_GetError());
        SDL_FreeWAV(buf);
        return;
    }
    Uint8 *data = buf;
    size_t out_bytes = n_bytes;
    Uint8 *conv = NULL;
    if (rc == 1) {
        conv = md_malloc((size_t)n_bytes * (size_t)cvt.len_mult + 16);
        if (!conv) {
            SDL_FreeWAV(buf);
            return;
        }
        memcpy(conv, buf, n_bytes);
        cvt.buf = conv;
        cvt.len = (int)n_bytes;
        if (SDL_ConvertAudio(&cvt) < 0) {
            md_log(MD_LOG_ERROR, "SPEECH", "cannot convert %s: %s", j->file, SDL_GetError());
            md_free(conv);
            SDL_FreeWAV(buf);
            return;
        }
        data = conv;
        out_bytes = (size_t)cvt.len_cvt;
    }
    note_start(e, j->gen);
    push_samples(e, (const int16_t *)data, out_bytes / 2, j->gen);
    md_free(conv);
    SDL_FreeWAV(buf);
}

static void job_free(job *j)
{
    if (!j)
        return;
    md_free(j->lang);
    md_free(j->voice);
    md_free(j->text);
    md_free(j->file);
    md_free(j);
}

static void *worker_main(void *arg)
{
    espeak_impl *e = arg;
    for (;;) {
        pthread_mutex_lock(&e->mu);
        while (!e->quit && !e->head)
            pthread_cond_wait(&e->cv, &e->mu);
        if (e->quit) {
            pthread_mutex_unlock(&e->mu);
            return NULL;
        }
        job *j = e->head;
        e->head = j->next;
        if (!e->head)
            e->tail = NULL;
        e->working = 1;
        pthread_mutex_unlock(&e->mu);
        if (j->file)
            run_file(e, j);
        else
            run_synth(e, j);
        job_free(j);
        pthread_mutex_lock(&e->mu);
        e->working = 0;
        pthread_mutex_unlock(&e->mu);
    }
}

/* ---------------------------------------------------------------- the backend */

static int es_say(md_speech_backend *b, const md_speech_utt *u)
{
    espeak_impl *e = b->impl;
    job *j = md_calloc(1, sizeof *j);
    if (!j)
        return -1;
    j->lang = md_strdup(u->lang ? u->lang : "");
    j->voice = md_strdup(u->voice ? u->voice : "");
    j->text = md_strdup(u->text ? u->text : "");
    j->file = u->file ? md_strdup(u->file) : NULL;
    j->rate_pct = u->rate_pct > 0 ? u->rate_pct : 100;
    if (!j->lang || !j->voice || !j->text || (u->file && !j->file)) {
        job_free(j);
        return -1;
    }
    pthread_mutex_lock(&e->mu);
    e->volume_pct = u->volume_pct;
    j->gen = e->gen;
    if (e->tail)
        e->tail->next = j;
    else
        e->head = j;
    e->tail = j;
    pthread_cond_signal(&e->cv);
    pthread_mutex_unlock(&e->mu);
    return 0;
}

static void es_stop(md_speech_backend *b)
{
    espeak_impl *e = b->impl;
    pthread_mutex_lock(&e->mu);
    e->gen++;
    job *j = e->head;
    e->head = e->tail = NULL;
    if (e->speaking > 0)
        kill(e->speaking, SIGKILL); /* the worker reaps it */
    SDL_LockAudioDevice(e->dev);
    e->n_queued = 0;
    SDL_UnlockAudioDevice(e->dev);
    pthread_mutex_unlock(&e->mu);
    while (j) {
        job *next = j->next;
        job_free(j);
        j = next;
    }
}

static void es_set_volume(md_speech_backend *b, int volume_pct)
{
    ((espeak_impl *)b->impl)->volume_pct = volume_pct;
}

static void es_prepare(md_speech_backend *b, const char *voice, int rate_pct)
{
    espeak_impl *e = b->impl;
    if (!voice || !voice[0])
        return;
    pthread_mutex_lock(&e->mu);
    ensure_warm(e, voice, rate_pct > 0 ? rate_pct : 100);
    pthread_mutex_unlock(&e->mu);
}

static uint64_t es_last_start_ns(md_speech_backend *b)
{
    espeak_impl *e = b->impl;
    pthread_mutex_lock(&e->mu);
    uint64_t t = e->last_start_ns;
    pthread_mutex_unlock(&e->mu);
    return t;
}

static int es_busy(md_speech_backend *b)
{
    espeak_impl *e = b->impl;
    pthread_mutex_lock(&e->mu);
    int busy = e->head != NULL || e->working;
    pthread_mutex_unlock(&e->mu);
    if (!busy) {
        SDL_LockAudioDevice(e->dev);
        busy = e->n_queued > 0;
        SDL_UnlockAudioDevice(e->dev);
    }
    return busy;
}

static void es_destroy(md_speech_backend *b)
{
    if (!b)
        return;
    espeak_impl *e = b->impl;
    if (e) {
        es_stop(b);
        if (e->worker_started) {
            pthread_mutex_lock(&e->mu);
            e->quit = 1;
            pthread_cond_signal(&e->cv);
            pthread_mutex_unlock(&e->mu);
            pthread_join(e->worker, NULL);
        }
        for (int i = 0; i < N_WARM; i++)
            warm_close(&e->warm[i]);
        if (e->dev)
            SDL_CloseAudioDevice(e->dev);
        pthread_mutex_destroy(&e->mu);
        pthread_cond_destroy(&e->cv);
        md_free(e->ring);
        md_free(e->program);
        md_free(e);
    }
    md_free(b);
}

md_speech_backend *md_speech_espeak_create(const char *program)
{
    if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) < 0) {
        md_log(MD_LOG_ERROR, "SPEECH", "espeak: no audio: %s", SDL_GetError());
        return NULL;
    }
    md_speech_backend *b = md_calloc(1, sizeof *b);
    espeak_impl *e = md_calloc(1, sizeof *e);
    if (!b || !e) {
        md_free(b);
        md_free(e);
        return NULL;
    }
    b->name = "espeak";
    b->impl = e;
    b->say = es_say;
    b->stop = es_stop;
    b->set_volume = es_set_volume;
    b->prepare = es_prepare;
    b->last_start_ns = es_last_start_ns;
    b->busy = es_busy;
    b->destroy = es_destroy;
    pthread_mutex_init(&e->mu, NULL);
    pthread_cond_init(&e->cv, NULL);
    for (int i = 0; i < N_WARM; i++)
        e->warm[i].in_fd = e->warm[i].out_fd = -1;
    e->volume_pct = 80;
    e->program = md_strdup(program && program[0] ? program : "espeak-ng");
    e->ring = md_malloc(sizeof(int16_t) * RING_SAMPLES);
    if (!e->program || !e->ring) {
        es_destroy(b);
        return NULL;
    }
    SDL_AudioSpec want = {.freq = RATE_HZ,
                          .format = AUDIO_S16SYS,
                          .channels = 1,
                          .samples = 512,
                          .callback = audio_cb,
                          .userdata = e};
    SDL_AudioSpec have;
    e->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (!e->dev) {
        md_log(MD_LOG_ERROR, "SPEECH", "espeak: cannot open an audio device: %s", SDL_GetError());
        es_destroy(b);
        return NULL;
    }
    /* Is the program there at all? A warm English process answers that and is useful anyway. */
    warm_proc probe = {.in_fd = -1, .out_fd = -1};
    if (spawn(e, "en-us", 100, &probe) < 0) {
        es_destroy(b);
        return NULL;
    }
    e->warm[0] = probe;
    if (pthread_create(&e->worker, NULL, worker_main, e) != 0) {
        md_log(MD_LOG_ERROR, "SPEECH", "espeak: cannot start the worker thread");
        es_destroy(b);
        return NULL;
    }
    e->worker_started = 1;
    SDL_PauseAudioDevice(e->dev, 0);
    md_log(MD_LOG_INFO, "SPEECH", "espeak: %s through SDL audio (%s, %d Hz)", e->program,
           SDL_GetCurrentAudioDriver(), have.freq);
    return b;
}
