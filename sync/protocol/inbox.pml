/*
 * inbox.pml — a Promela model of the downlink (the "inbox": decisions from a receiver to one
 * school terminal), checked with Debian's `spin` by tests/sync/model_check.sh (CTest label
 * `sync`, entries `sync model: inbox …`). docs/sync-protocol.md ("Model checking") says how to
 * run it by hand. The batch uplink is sync.pml; this model is separate because the two streams
 * share no state but the submission versions (abstracted here as "the sync run uploads the
 * pending submission"), and one model of both would multiply their state spaces.
 *
 * What stands for what
 * - proctype reviewer: `junheng-bureau return|accept|reopen`. Each decision is an inbox item:
 *   a seq assigned by the receiver (global over all schools, increasing: SQLite AUTOINCREMENT
 *   inside the deciding transaction), the version it decides on and the decision. Items are
 *   signed, so nobody can forge one; they can only be lost, duplicated, reordered or replayed.
 *   The reviewer follows the receiver's rules: return or accept only the latest received
 *   version and only while it is undecided; reopen only an accepted one. It may also write an
 *   item for another school (the school's seqs then have gaps: the terminal must not expect
 *   cursor + 1).
 * - proctype upstream: a decision that reaches the county's inbox from elsewhere (the city's,
 *   coming back down the relay) about a version older than the latest the county holds: the
 *   fault "a decision about an older version than the terminal's latest submission".
 * - proctype receiver: answers GET /v1/inbox?after=A with the first item of this school whose
 *   seq is above A (a page of kMaxInboxItems scaled down to 1) and `more` when another follows.
 *   A reply is complete: it holds every item of the school after A up to the last it carries
 *   (the reply signature binds the whole body; a USB reply file is signed whole as well).
 * - proctype terminal: the school. Durable: tver (latest frozen submission version, 0 none),
 *   locked (the year is submitted: read-only), tdec (the decision applied on tver), cursor (the
 *   inbox seq consumed so far). In memory: fetching (a GET is out). It freezes a version when
 *   the year is open (first submission, or a resubmission after a return/reopen), uploads it on
 *   its next sync run, and fetches after=cursor. For each item above the cursor, in one
 *   transaction: the effect (a returned or reopened decision on tver unlocks; accepted keeps
 *   the year locked; a decision on a version older than tver is ignored, and said so), the
 *   record of the item and the cursor.
 * - proctype env: loss, duplication, reordering of requests and replies (channels of 2), a
 *   reply captured on the wire and replayed later, a terminal crash (in-memory state lost).
 *
 * Properties
 *   (1) at most once, in order (safety, asserted at every step): no item is consumed twice,
 *       and when the terminal consumes item s every earlier item of the school is consumed.
 *   (2) an older decision never unlocks (safety): when the year is open after a submission,
 *       the decision that opened it was about the latest frozen version.
 *   (3) convergence (liveness, `pan -a -f`): <>[] the receiver holds the terminal's latest
 *       version, the terminal's cursor is the school's last item, and the terminal holds the
 *       receiver's latest decision on that version (open exactly when it is returned/reopened).
 *
 * Broken variants (each must make pan report an error; CTest checks they do):
 *   -DBROKEN_NO_CURSOR_CHECK      every item of a verified reply is applied, even at or below
 *                                 the cursor: a duplicate or replayed reply applies it twice (1)
 *   -DBROKEN_CURSOR_APART         the effect commits, then the cursor in its own transaction:
 *                                 a crash between them applies the item twice (1)
 *   -DBROKEN_OLDER_UNLOCKS        the version is not compared: an older returned unlocks (2)
 *   -DBROKEN_SEQ_BEFORE_COMMIT    the seq is taken before the item's transaction commits (a
 *                                 sequence outside the transaction): a reader sees a later seq
 *                                 first and its cursor passes the earlier one (1)
 *   -DBROKEN_IGNORED_KEEPS_CURSOR an ignored (older-version) item does not advance the cursor:
 *                                 the terminal asks for it again forever and never reaches the
 *                                 items behind it (3)
 */

#ifndef NV
#define NV 2                /* submission versions the school freezes */
#endif
#ifndef NITEM
#define NITEM 4             /* inbox items in all, seq 1..NITEM */
#endif
#ifndef NLOSS
#define NLOSS 1
#endif
#ifndef NDUP
#define NDUP 1
#endif
#ifndef NREORD
#define NREORD 1
#endif
#ifndef NREPLAY
#define NREPLAY 1
#endif
#ifndef NCRASH
#define NCRASH 1
#endif
#ifndef NOLD
#define NOLD 1              /* decisions about an older version (upstream) */
#endif
#ifndef NOTHER
#define NOTHER 1            /* items for another school */
#endif
#ifndef NREOPEN
#define NREOPEN 1
#endif

#define NONE 0
#define RETURNED 1
#define ACCEPTED 2
#define REOPENED 3

chan req = [2] of { byte };               /* GET /v1/inbox?after=A */
chan rep = [2] of { byte, byte, byte };   /* reply: A, first item after A (0: none), more */

/* receiver (durable) */
byte rver;                  /* latest version received */
byte nseq;                  /* seqs assigned */
byte iver[NITEM + 1];       /* item s decides on version iver[s] */
byte idec[NITEM + 1];
bool imine[NITEM + 1];      /* for this school (else another school's) */
bool ivis[NITEM + 1];       /* committed: readers see it */
byte rdec[NV + 1];          /* the latest decision on each version */
byte rlast;                 /* the school's latest committed item */

/* terminal (durable) */
byte tver;
bool locked;
byte tdec;
byte cursor;
/* terminal (in memory) */
bool fetching;
byte pend;                  /* BROKEN_CURSOR_APART: the item whose cursor is not committed yet */

/* ghosts */
byte done[NITEM + 1];       /* times item s was consumed */
byte unlock_by;             /* the version whose decision last opened the year */

/* fault budgets used */
byte nloss, ndup, nreord, nreplay, ncrash, nold, nother, nreopen;
bool captured;
byte cap_a, cap_s;
byte cap_m;

hidden byte i_, a_, s_, v_, m_;

#ifdef LIVENESS
inline check() { skip }
#else
inline check() {
  i_ = 1;
  do
  :: i_ <= NITEM -> assert(done[i_] <= 1); i_++              /* (1) at most once */
  :: else -> break
  od;
  assert(locked || tver == 0 || unlock_by == tver)           /* (2) */
}
#endif

/* Item s of this school is consumed: effect, record and cursor (one transaction). */
inline consume(s) {
  i_ = 1;
  do
  :: i_ < s -> assert(!imine[i_] || i_ > nseq || done[i_] == 1); i_++   /* (1) in order */
  :: else -> break
  od;
  v_ = iver[s];
  assert(v_ <= tver);
  if
#ifndef BROKEN_OLDER_UNLOCKS
  :: v_ < tver -> printf("MSC: item %d about version %d < %d ignored\n", s, v_, tver)
#endif
  :: else ->
     tdec = idec[s];
     if
     :: tdec == RETURNED || tdec == REOPENED -> locked = false; unlock_by = v_
     :: else -> skip
     fi
  fi;
  done[s]++;                                /* the effect and the item's record */
#ifdef BROKEN_CURSOR_APART
  pend = s                                  /* the cursor follows in its own transaction */
#else
#ifdef BROKEN_IGNORED_KEEPS_CURSOR
  if :: v_ < tver -> skip :: else -> cursor = s fi
#else
  if :: s > cursor -> cursor = s :: else -> skip fi
#endif
#endif
}

active proctype terminal() {
end:
  do
  :: atomic {                               /* the school freezes the year (a submission) */
       pend == 0 && !locked && tver < NV ->
       tver++; locked = true; tdec = NONE;
       printf("MSC: version %d frozen\n", tver);
       check()
     }
  :: atomic {                               /* the sync run uploads it first (sync.pml) */
       pend == 0 && tver > rver -> rver = tver; printf("MSC: version %d received\n", rver)
     }
  :: atomic {                               /* then fetches the inbox after its cursor */
       pend == 0 && tver <= rver && !fetching && len(req) < 2 ->
       req!cursor; fetching = true
     }
  :: atomic {
       pend == 0 && len(rep) > 0 ->
       rep?a_, s_, m_;
       printf("MSC: reply after %d: item %d more %d (cursor %d)\n", a_, s_, m_, cursor);
       if
       :: a_ > cursor -> skip               /* not from our cursor: cannot happen, nothing applied */
#ifndef BROKEN_NO_CURSOR_CHECK
       :: a_ <= cursor && s_ > cursor -> consume(s_)
       :: else -> skip                      /* held already: a duplicate or a replay */
#else
       :: a_ <= cursor && s_ > 0 -> consume(s_)
       :: else -> skip
#endif
       fi;
       fetching = false;                    /* `more`: the next fetch follows at once */
       check()
     }
  :: atomic { pend == 0 && timeout && fetching -> fetching = false }   /* no reply: ask again */
#ifdef BROKEN_CURSOR_APART
  :: atomic { pend > 0 -> cursor = pend; pend = 0; check() }
#endif
  od
}

/* A new item: the seq is taken and the item committed in one transaction (SQLite's single
   writer: seq order is commit order), unless BROKEN_SEQ_BEFORE_COMMIT. */
inline publish() {
  ivis[my] = true;
  if :: imine[my] -> rdec[iver[my]] = idec[my]; rlast = my :: else -> skip fi;
  printf("MSC: item %d: version %d decision %d mine %d\n", my, iver[my], idec[my], imine[my]);
  my = 0
}

inline issue(v, d, mine) {
  nseq++; iver[nseq] = v; idec[nseq] = d; imine[nseq] = mine; my = nseq;
#ifndef BROKEN_SEQ_BEFORE_COMMIT
  publish()
#else
  skip
#endif
}
active proctype reviewer() {
  byte my;
end:
  do
  :: atomic { my == 0 && nseq < NITEM && rver > 0 && rdec[rver] == NONE -> issue(rver, RETURNED, true) }
  :: atomic { my == 0 && nseq < NITEM && rver > 0 && rdec[rver] == NONE -> issue(rver, ACCEPTED, true) }
  :: atomic { my == 0 && nseq < NITEM && rver > 0 && rdec[rver] == ACCEPTED && nreopen < NREOPEN ->
              nreopen++; issue(rver, REOPENED, true) }
  :: atomic { my == 0 && nseq < NITEM && nother < NOTHER -> nother++; issue(0, NONE, false) }
#ifdef BROKEN_SEQ_BEFORE_COMMIT
  :: atomic { my > 0 -> publish() }
#endif
  od
}

active proctype upstream() {
  byte my;
end:
  do
  :: atomic { my == 0 && nseq < NITEM && rver >= 2 && nold < NOLD -> nold++; issue(rver - 1, RETURNED, true) }
  :: atomic { my == 0 && nseq < NITEM && rver >= 2 && nold < NOLD -> nold++; issue(rver - 1, ACCEPTED, true) }
#ifdef BROKEN_SEQ_BEFORE_COMMIT
  :: atomic { my > 0 -> publish() }
#endif
  od
}

active proctype receiver() {
end:
  do
  :: atomic {
       len(req) > 0 && len(rep) < 2 ->
       req?a_;
       s_ = 0; m_ = 0; i_ = a_ + 1;
       do
       :: i_ <= nseq && s_ == 0 -> if :: ivis[i_] && imine[i_] -> s_ = i_ :: else -> skip fi; i_++
       :: i_ <= nseq && s_ != 0 -> if :: ivis[i_] && imine[i_] -> m_ = 1 :: else -> skip fi; i_++
       :: else -> break
       od;
       rep!a_, s_, m_
     }
  od
}

active proctype env() {
end:
  do
  :: atomic { nloss < NLOSS && len(req) > 0 -> nloss++; req?_; printf("MSC: request lost\n") }
  :: atomic { nloss < NLOSS && len(rep) > 0 -> nloss++; rep?_, _, _; printf("MSC: reply lost\n") }
  :: atomic { ndup < NDUP && len(req) == 1 -> ndup++; req?a_; req!a_; req!a_;
              printf("MSC: request duplicated\n") }
  :: atomic { ndup < NDUP && len(rep) == 1 -> ndup++; rep?a_, s_, m_; rep!a_, s_, m_; rep!a_, s_, m_;
              printf("MSC: reply duplicated\n") }
  :: atomic { nreord < NREORD && len(req) == 2 -> nreord++; req?a_; req!a_;
              printf("MSC: requests reordered\n") }
  :: atomic { nreord < NREORD && len(rep) == 2 -> nreord++; rep?a_, s_, m_; rep!a_, s_, m_;
              printf("MSC: replies reordered\n") }
  :: atomic { nreplay < NREPLAY && !captured && len(rep) > 0 ->
              captured = true; rep?<cap_a, cap_s, cap_m>; printf("MSC: reply captured\n") }
  :: atomic { nreplay < NREPLAY && captured && len(rep) < 2 ->
              nreplay++; rep!cap_a, cap_s, cap_m; printf("MSC: reply %d/%d replayed\n", cap_a, cap_s) }
  :: atomic { ncrash < NCRASH -> ncrash++; fetching = false; pend = 0; printf("MSC: terminal crash\n") }
  od
}

#ifdef LIVENESS
#define converged (rver == tver && cursor == rlast && tdec == rdec[tver] && \
                   (tver == 0 || locked == (tdec == NONE || tdec == ACCEPTED)))
ltl convergence { <> [] converged }
#endif
