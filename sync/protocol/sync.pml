/*
 * sync.pml — a Promela model of Junheng's sync protocol (one school terminal, one bureau
 * receiver), checked with Debian's `spin` by tests/sync/model_check.sh (CTest label `sync`).
 * docs/sync-protocol.md ("Model checking") says how to run it by hand.
 *
 * Why a model: the protocol's promises (exactly-once, acks that mean "durably held",
 * convergence after restores and forks) are about every interleaving of loss, duplication,
 * reordering and crashes, which tests over a fake transport only sample. The model is small
 * (a log of at most MAXLEN entries, hashes as small ints) so that `pan` explores every
 * interleaving in seconds.
 *
 * What stands for what
 * - Hashes. Every append on the terminal gets a fresh id (1, 2, ...): the id of an entry IS its
 *   chained hash. Two logs then hold the same hash at seq k exactly when they share the same
 *   prefix 1..k, which is what a hash chain gives (without collisions). 0 is the genesis link.
 * - proctype client: the school terminal. Durable state: clog[1..clen] (the audit log),
 *   cstream (its stream id) and cack (the seq the receiver acknowledged for cstream). In-memory
 *   state, lost by a crash: inflight (a batch is out) and synced (heard from the receiver since
 *   start). It appends entries (edits), sends batch(stream, after=(cack, hash), entries
 *   after+1..clen) and handles the signed replies.
 * - proctype receiver: the bureau. Durable per stream: rlen[s] and rlog[s][1..rlen] (its copy
 *   of the chain), rknown[s] (stream seen; every stream but the live one is archived) and
 *   rlive (the stream that is the school's live copy). It handles one request at a time:
 *   decide, commit, then reply — the reply (an acknowledgement) is sent only after the commit.
 *   A receiver crash loses the request being handled (before its commit) or its reply (after).
 * - proctype env: everything the protocol does not control, each bounded by a counter so
 *   liveness can hold (toolchain.md): a request or reply lost, duplicated or reordered (the
 *   channels hold 2 messages), a client timeout that fires while a request is only delayed,
 *   a client crash (in-memory state lost, durable ack kept), the school ceasing to edit (at
 *   any moment: property 3 is about what follows), a client backup and its two kinds
 *   of restore, a receiver backup and its restore.
 *   - `junheng restore`: the log is cut back to the backup's prefix and a new stream id is made
 *     (cack = 0); new edits then put new content at the same seqs, under the new stream.
 *   - raw copy: the backup file copied back by hand — old log, old stream id, old ack. The
 *     receiver then holds on that stream entries the terminal no longer has: a fork.
 *   - receiver restore: the bureau's store goes back to an earlier backup (committed state
 *     lost). ghost repoch counts these. The environment then starts the terminal once more
 *     (it syncs on start): the assumption under which property 3 holds after such a restore.
 *
 * The receiver's rules for batch(s, after=(a, ah), n entries e1..en), T = its tip of s
 * (docs/sync-protocol.md, "What the receiver answers to a batch"):
 *   s unknown, a == 0          -> a new stream: store e1..en, make s live (the old live stream
 *                                 is archived); ACK(s, n, tip hash)
 *   s unknown, a > 0           -> GAP(s, 0, 0): "I hold nothing of it, start from 0"
 *   s archived                 -> FORK(s), whatever the batch holds (see "Findings")
 *   s live, a > T              -> GAP(s, T, hash[T]): the client resends from T
 *   s live, another hash at a seq in a..a+n that it holds -> FORK(s) (HTTP 409)
 *   s live, a + n > T          -> apply the entries beyond T, commit, ACK(s, a+n, hash)
 *   s live, a + n <= T         -> every entry already held: UNCHANGED(s, T, hash[T]) (ACK when
 *                                 a == T: an empty batch, the start-up probe)
 * The client, for a reply to one of its own requests (the reply binds the request's signature;
 * a started terminal ignores its predecessor's replies — ghost cinc, the incarnation) about its
 * current stream (others are ignored):
 *   ACK/UNCHANGED/GAP(s, q, h) with its own hash at q equal to h -> cack = max(cack, q)
 *     (GAP: cack = q, the receiver is behind), a batch may go out again;
 *   such a reply whose (q, h) the client's log does not hold, or FORK -> a new stream id,
 *     cack = 0: the whole log is uploaded again from seq 1 under it.
 * It sends after every edit and at start (synced = false), even with nothing pending: an
 * empty batch then asks whether the receiver still holds its ack.
 *
 * Properties
 *   (1) exactly-once, in order (safety, checked after every step): every stream the receiver
 *       holds is a chain the client made — the entry at position k was appended at seq k on
 *       top of the entry at k-1 — so no entry is applied twice or out of order; and while the
 *       live stream is the client's current stream (and no raw copy happened on it) the live
 *       copy is a prefix of the client's current log.
 *   (2) safety of acks (checked after every step): when the client's acknowledged seq comes
 *       from a reply the receiver sent since its last restore from backup, the receiver durably
 *       holds the client's current stream up to at least that seq, with the same hash there.
 *       After a receiver restore an older ack can be above what it holds; the next reply the
 *       client gets (GAP) lowers cack to the receiver's tip and the client resends: (3) covers
 *       that this heals.
 *   (3) convergence (liveness, `pan -a -f`, weak fairness): <>[] converged — once edits and
 *       faults stop (all are bounded), the receiver's live stream is the client's stream, holds
 *       exactly the client's log, and the client's ack is its tip (everything delivered).
 *
 * Broken variants (each must make pan report an error; CTest checks they do):
 *   -DBROKEN_ACK_BEFORE_COMMIT  the receiver replies before it commits (property 2 fails)
 *   -DBROKEN_GAP_IGNORED        the client ignores GAP replies (property 3 fails after a
 *                               receiver restore)
 *   -DBROKEN_ARCHIVED_REPLAY    a batch of an archived stream that the receiver fully holds is
 *                               answered "unchanged" (property 3 fails: see "Findings"; found
 *                               by `pan -a` without fairness, the fair search runs too deep)
 *
 * Findings (what checking this model changed)
 * - An archived stream must be answered FORK even for an exact replay. A terminal whose
 *   database file was copied back by hand returns to an old stream id; if the receiver answers
 *   its start-up batch "unchanged", the terminal believes it is in sync while the live copy is
 *   another stream's, and nothing changes until the school edits again.
 * - A reply must bind the request it answers (the reply signature covers the request
 *   signature): a terminal started after a receiver restore that took a reply to its
 *   predecessor's request as its start-up sync never learnt of the restore.
 * - A batch that overlaps the receiver's tip and extends it (a retry after a lost reply,
 *   grown by new edits) must be handled: the entries beyond the tip are applied.
 */

#ifndef MAXLEN
#define MAXLEN 3            /* entries in the client's log: 2 or 3 */
#endif
#define W (MAXLEN + 1)      /* row width of a stream in rlog (index 0 = genesis) */
#define MAXS 6              /* stream ids 1..MAXS-1 */
#ifndef NEDIT
#define NEDIT 4             /* appends in all (hash ids 1..NEDIT) */
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
#ifndef NRETRY
#define NRETRY 1            /* client timeouts while a request is only delayed */
#endif
#ifndef NCCRASH
#define NCCRASH 1
#endif
#ifndef NRCRASH
#define NRCRASH 1
#endif
#ifndef NCRESTORE
#define NCRESTORE 1         /* junheng restore (new stream) */
#endif
#ifndef NRAW
#define NRAW 1              /* backup copied back by hand (same stream: a fork) */
#endif
#ifndef NRRESTORE
#define NRRESTORE 1         /* receiver restored from backup */
#endif

mtype = { ACK, UNCHANGED, GAP, FORK };

/* batch: client incarnation, stream, after seq, after hash, n, e1, e2, e3 */
chan req = [2] of { byte, byte, byte, byte, byte, byte, byte, byte };
/* reply: incarnation it answers, kind, stream, seq, hash; ghost: receiver epoch (restores so
   far) of the state it reports */
chan rep = [2] of { byte, mtype, byte, byte, byte, byte };

/* client (terminal) */
byte clog[W];               /* clog[0] = 0 genesis */
byte clen;
byte cstream = 1;
byte cack;
bool inflight;
bool synced;
byte cinc;                  /* incarnation: bumped at each start; a reply binds its request's
                               signature, so a started terminal ignores its predecessor's */
byte nstreams = 1;
/* ghosts */
byte ack_epoch;             /* receiver epoch of the reply that set cack */
bool rawcopied;             /* a raw copy put the client back on an old stream */
byte seq_of[NEDIT + 1];     /* seq at which hash id h was appended */
byte parent[NEDIT + 1];     /* hash below it */
byte edits;
bool editing = true;        /* the school still edits (env stops it at any moment) */

/* client backup (the file the terminal's backup wrote) */
byte cb_log[W];
byte cb_len, cb_stream, cb_ack, cb_epoch;
bool cb_taken;

/* receiver (bureau) */
byte rlog[MAXS * W];
byte rlen[MAXS];
bool rknown[MAXS];
byte rlive;                 /* 0: no live copy yet */
byte repoch;

/* receiver backup */
byte rb_log[MAXS * W];
byte rb_len[MAXS];
bool rb_known[MAXS];
byte rb_live;
bool rb_taken;

/* fault budgets used */
byte nloss, ndup, nreord, nretry, nccrash, nrcrash, ncrestore, nraw, nrrestore;
bool restart_due;           /* a receiver restore happened since the terminal last started */

hidden byte i_, j_;

/* (1) and (2), asserted after every step that changes state (not needed, so not done, in the
   liveness run). */
#ifdef LIVENESS
inline check() { skip }
#else
inline check() {
  i_ = 1;
  do
  :: i_ < MAXS ->
     if
     :: rknown[i_] ->
        j_ = 1;
        do
        :: j_ <= rlen[i_] ->
           assert(rlog[i_ * W + j_] > 0 && seq_of[rlog[i_ * W + j_]] == j_ &&
                  parent[rlog[i_ * W + j_]] == rlog[i_ * W + j_ - 1]);   /* (1) chain */
           j_++
        :: else -> break
        od
     :: else -> skip
     fi;
     i_++
  :: else -> break
  od;
  if
  :: rlive == cstream && !rawcopied ->
     assert(rlen[rlive] <= clen);                                        /* (1) prefix */
     j_ = 1;
     do
     :: j_ <= rlen[rlive] -> assert(rlog[rlive * W + j_] == clog[j_]); j_++
     :: else -> break
     od
  :: else -> skip
  fi;
  assert(cack <= clen);
  if
  :: cack > 0 && ack_epoch == repoch ->
     assert(rknown[cstream] && rlen[cstream] >= cack &&
            rlog[cstream * W + cack] == clog[cack])                      /* (2) */
  :: else -> skip
  fi
}
#endif

inline new_stream() {
  nstreams++;
  assert(nstreams < MAXS);
  cstream = nstreams;
  cack = 0;
  ack_epoch = repoch;
  rawcopied = false;
  inflight = false;
  synced = false
}

/* Scratch for steps that finish inside one atomic block: not part of the state. */
hidden byte c_, n_, e1_, e2_, e3_, s_, q_, h_, ep_, f1_, f2_, f3_, f4_, f5_, f6_, f7_;
hidden mtype k_;

active proctype client() {
end:
  do
  :: atomic {                               /* an edit: one audit entry */
       editing && edits < NEDIT && clen < MAXLEN ->
       edits++; clen++;
       clog[clen] = edits; seq_of[edits] = clen; parent[edits] = clog[clen - 1];
       printf("MSC: edit seq %d hash %d\n", clen, edits);
       check()
     }
  :: atomic {                               /* send the outbox: everything after cack */
       !inflight && (cack < clen || !synced) && len(req) < 2 ->
       n_ = clen - cack;
       e1_ = 0; e2_ = 0; e3_ = 0;
       if :: n_ >= 1 -> e1_ = clog[cack + 1] :: else -> skip fi;
       if :: n_ >= 2 -> e2_ = clog[cack + 2] :: else -> skip fi;
       if :: n_ >= 3 -> e3_ = clog[cack + 3] :: else -> skip fi;
       req!cinc, cstream, cack, clog[cack], n_, e1_, e2_, e3_;
       printf("MSC: send s%d after %d/%d n %d: %d %d %d\n",
              cstream, cack, clog[cack], n_, e1_, e2_, e3_);
       inflight = true
     }
  :: atomic {                               /* a signed reply */
       rep?c_, k_, s_, q_, h_, ep_ ->
       printf("MSC: client gets "); printm(k_);
       printf(" s%d %d/%d epoch %d (client: s%d ack %d len %d)\n",
              s_, q_, h_, ep_, cstream, cack, clen);
       if
       :: c_ != cinc || s_ != cstream -> skip  /* not ours: an earlier start's, or a stream left */
       :: c_ == cinc && s_ == cstream && k_ == FORK -> new_stream()
       :: c_ == cinc && s_ == cstream && k_ != FORK ->
          if
          :: q_ <= clen && clog[q_] == h_ ->
             if
             :: k_ == GAP ->
#ifndef BROKEN_GAP_IGNORED
                cack = q_; ack_epoch = ep_
#else
                skip
#endif
             :: k_ != GAP && q_ > cack -> cack = q_; ack_epoch = ep_
             :: else -> skip
             fi;
             inflight = false;
             synced = true
          :: else -> new_stream()           /* the receiver holds what the client does not */
          fi
       fi;
       check()
     }
  :: atomic { timeout && inflight -> inflight = false }   /* the reply never came: resend */
  od
}

/* The batch's entry at seq k (a < k <= a + n). */
#define entry(k) ((k) - a == 1 -> e1 : ((k) - a == 2 -> e2 : e3))

inline commit() {
  if
  :: todo == 1 ->                           /* a new stream becomes the live copy */
     rknown[s] = true; rlive = s; rlen[s] = 0
  :: else -> skip
  fi;
  if
  :: todo != 0 ->                           /* append what lies beyond the tip */
     k = rlen[s] + 1;
     do
     :: k <= a + n -> rlog[s * W + k] = entry(k); k++
     :: else -> break
     od;
     rlen[s] = a + n
  :: else -> skip
  fi
}

/* The receiver's answer to batch (s, a, ah, n, e1..e3) from its committed state
   (docs/sync-protocol.md, "What the receiver answers to a batch"); todo says what commit()
   then writes. */
inline decide() {
  todo = 0; bad = false; rq = 0; rh = 0;
  rep_ep = repoch;                          /* the store state this reply reports on */
  if
  :: !rknown[s] && a == 0 ->                /* a new stream */
     todo = 1; rk = ACK; rq = n; rh = (n == 0 -> 0 : entry(n))
  :: !rknown[s] && a > 0 -> rk = GAP        /* tip 0 */
  :: rknown[s] ->
     L = rlen[s];
     if
#ifndef BROKEN_ARCHIVED_REPLAY
     :: s != rlive -> rk = FORK             /* archived: whatever it holds */
     :: s == rlive && a > L -> rk = GAP; rq = L; rh = rlog[s * W + L]
     :: s == rlive && a <= L ->
#else
     :: a > L && s == rlive -> rk = GAP; rq = L; rh = rlog[s * W + L]
     :: a > L && s != rlive -> rk = FORK    /* archived, and not a replay */
     :: a <= L ->
#endif
        bad = (rlog[s * W + a] != ah);
        k = a + 1;
        do
        :: k <= L && k <= a + n -> bad = bad || rlog[s * W + k] != entry(k); k++
        :: else -> break
        od;
        if
        :: bad -> rk = FORK                 /* another hash at a seq it covers or continues */
        :: !bad && a + n <= L && a == L -> rk = ACK; rq = L; rh = rlog[s * W + L]
        :: !bad && a + n <= L && a < L ->   /* every entry already held: a replay */
           rk = UNCHANGED; rq = L; rh = rlog[s * W + L]
        :: !bad && a + n > L && s == rlive -> /* continues the tip (maybe overlapping it) */
           todo = 2; rk = ACK; rq = a + n; rh = entry(a + n)
        :: !bad && a + n > L && s != rlive -> rk = FORK
        fi
     fi
  fi
}

/* Locals are cleared after each request so that finished requests leave no trace in the
   state vector. */
inline forget() {
  inc = 0; s = 0; a = 0; ah = 0; n = 0; e1 = 0; e2 = 0; e3 = 0;
  L = 0; k = 0; todo = 0; rq = 0; rh = 0; rep_ep = 0; rk = ACK; bad = false
}

active proctype receiver() {
  byte inc, s, a, ah, n, e1, e2, e3;
  byte L, k, todo, rq, rh, rep_ep;
  mtype rk = ACK;
  bool bad;
end:
  do
  :: atomic {
       req?inc, s, a, ah, n, e1, e2, e3;
       if
       :: nrcrash < NRCRASH ->              /* crash before commit: the request is lost */
          nrcrash++; printf("MSC: receiver crash before commit\n"); forget()
       :: true ->
          decide();
#ifndef BROKEN_ACK_BEFORE_COMMIT
          commit();                         /* the transaction holding the batch commits, */
          check();
          if
          :: nrcrash < NRCRASH ->           /* crash after commit: the reply is lost */
             nrcrash++; printf("MSC: receiver crash after commit\n")
          :: true -> rep!inc, rk, s, rq, rh, rep_ep   /* then the signed reply goes out */
          fi;
          forget()
#else
          rep!inc, rk, s, rq, rh, rep_ep         /* acknowledged before it is durable */
#endif
       fi
     }
#ifdef BROKEN_ACK_BEFORE_COMMIT
     atomic {
       if
       :: todo == 0 -> skip
       :: todo != 0 && nrcrash < NRCRASH -> /* crash: the acknowledged batch is gone */
          nrcrash++; printf("MSC: receiver crash before commit (ack already sent)\n")
       :: todo != 0 -> commit(); check()
       fi;
       forget()
     }
#endif
  od
}

active proctype env() {
end:
  do
  /* the network */
  :: atomic { nloss < NLOSS && len(req) > 0 ->
              nloss++; req?_, _, _, _, _, _, _, _; printf("MSC: request lost\n") }
  :: atomic { nloss < NLOSS && len(rep) > 0 ->
              nloss++; rep?_, _, _, _, _, _; printf("MSC: reply lost\n") }
  :: atomic { ndup < NDUP && len(req) == 1 ->
              ndup++; req?i_, f1_, f2_, f3_, f4_, f5_, f6_, f7_;
              req!i_, f1_, f2_, f3_, f4_, f5_, f6_, f7_; req!i_, f1_, f2_, f3_, f4_, f5_, f6_, f7_;
              printf("MSC: request duplicated\n") }
  :: atomic { ndup < NDUP && len(rep) == 1 ->
              ndup++; rep?i_, k_, f2_, f3_, f4_, f5_;
              rep!i_, k_, f2_, f3_, f4_, f5_; rep!i_, k_, f2_, f3_, f4_, f5_;
              printf("MSC: reply duplicated\n") }
  :: atomic { nreord < NREORD && len(req) == 2 ->
              nreord++; req?i_, f1_, f2_, f3_, f4_, f5_, f6_, f7_;
              req!i_, f1_, f2_, f3_, f4_, f5_, f6_, f7_; printf("MSC: requests reordered\n") }
  :: atomic { nreord < NREORD && len(rep) == 2 ->
              nreord++; rep?i_, k_, f2_, f3_, f4_, f5_; rep!i_, k_, f2_, f3_, f4_, f5_;
              printf("MSC: replies reordered\n") }
  :: atomic { nretry < NRETRY && inflight ->
              nretry++; inflight = false; printf("MSC: client times out early\n") }
  /* the terminal */
  :: atomic { editing -> editing = false; printf("MSC: the school stops editing\n") }
  :: atomic { nccrash < NCCRASH ->
              nccrash++; cinc++; inflight = false; synced = false; printf("MSC: client crash\n") }
  :: d_step { !cb_taken ->
              cb_taken = true; cb_len = clen; cb_stream = cstream; cb_ack = cack;
              cb_epoch = ack_epoch;
              i_ = 0; do :: i_ < W -> cb_log[i_] = clog[i_]; i_++ :: else -> break od;
              printf("MSC: client backup\n") }
  :: d_step { cb_taken && ncrestore < NCRESTORE ->   /* junheng restore: new stream */
              ncrestore++;
              clen = cb_len;
              i_ = 0; do :: i_ < W -> clog[i_] = cb_log[i_]; i_++ :: else -> break od;
              cinc++; new_stream();
              printf("MSC: client restore (new stream s%d)\n", cstream);
              check() }
  :: d_step { cb_taken && nraw < NRAW ->              /* the file copied back by hand */
              nraw++;
              clen = cb_len; cstream = cb_stream; cack = cb_ack; ack_epoch = cb_epoch;
              i_ = 0; do :: i_ < W -> clog[i_] = cb_log[i_]; i_++ :: else -> break od;
              rawcopied = true; cinc++; inflight = false; synced = false;
              printf("MSC: client backup copied back by hand\n");
              check() }
  /* the bureau */
  :: d_step { !rb_taken ->
              rb_taken = true; rb_live = rlive;
              i_ = 0; do :: i_ < MAXS * W -> rb_log[i_] = rlog[i_]; i_++ :: else -> break od;
              i_ = 0; do :: i_ < MAXS -> rb_len[i_] = rlen[i_]; rb_known[i_] = rknown[i_]; i_++
                         :: else -> break od;
              printf("MSC: receiver backup\n") }
  :: d_step { rb_taken && nrrestore < NRRESTORE ->
              nrrestore++; repoch++; rlive = rb_live;
              i_ = 0; do :: i_ < MAXS * W -> rlog[i_] = rb_log[i_]; i_++ :: else -> break od;
              i_ = 0; do :: i_ < MAXS -> rlen[i_] = rb_len[i_]; rknown[i_] = rb_known[i_]; i_++
                         :: else -> break od;
              restart_due = true;
              printf("MSC: receiver restored from backup\n");
              check() }
  :: atomic { restart_due ->
              restart_due = false; cinc++; inflight = false; synced = false;
              printf("MSC: terminal started after the receiver's restore\n") }
  od
}

#ifdef LIVENESS
#define same(k) (clen < k || rlog[cstream * W + k] == clog[k])
#if MAXLEN == 2
#define same_all (same(1) && same(2))
#else
#define same_all (same(1) && same(2) && same(3))
#endif
#define converged (rlive == cstream && rlen[cstream] == clen && cack == clen && same_all)
ltl convergence { <> [] converged }
#endif
