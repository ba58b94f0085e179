/*
 * relay.pml — a Promela model of the relay: a county receiver forwarding its accepted
 * submissions to the city's receiver, checked with Debian's `spin` by
 * tests/sync/model_check.sh (CTest label `sync`, entries `sync model: relay …`).
 * docs/sync-protocol.md ("Model checking") says how to run it by hand. A model of its own
 * (beside sync.pml and inbox.pml): the forwarder shares no state with the batch stream or the
 * inbox, and each model stays small enough to be explored in seconds.
 *
 * What stands for what (one school year; versions 1..NV)
 * - proctype bureau: the county's staff, any process (`junheng-bureau accept|reopen`), and the
 *   school's resubmissions arriving: the county's durable review state, cdec[v] (NONE,
 *   ACCEPTED, REOPENED) of each received version, rver the latest received. A version is
 *   "accepted" while it is the latest and its latest decision is accepted (review.hpp).
 * - proctype forwarder: the loop inside the county's `serve`. It polls the store; when the
 *   accepted version is not recorded as forwarded it sends it (the school's signed bytes) to the
 *   city and waits; on the city's reply it records the forward (durable, fwd[v]); with no reply
 *   (lost request or reply, city down) it retries after a backoff. In memory: inflight.
 * - proctype city: the city's receiver. It stores a forwarded submission unless it holds that
 *   (school, year, version) already with the same bytes (then "unchanged"), commits, replies.
 *   held[v] is the number of stored copies of version v (a ghost of the city's rows).
 * - proctype env: loss, duplication and reordering of forwards and replies (channels of 2), a
 *   forwarder that retries while its forward is only delayed, a city crash (before its commit:
 *   the forward lost; after it: the reply lost) and a county crash (in-memory state and the
 *   open connection lost: the city may have committed what the county never recorded).
 *
 * Properties
 *   (1) exactly once (safety, asserted at every step): the city holds each version at most
 *       once, and only versions the county accepted.
 *   (2) eventually every accepted one (liveness, `pan -a -f`): <>[] the version the county
 *       holds accepted is held by the city and recorded as forwarded (the forwarder is quiet).
 *
 * Broken variants (each must make pan report an error; CTest checks they do):
 *   -DBROKEN_CITY_NO_DEDUP          the city stores every forward it receives: a retry after a
 *                                   lost reply is stored twice (1)
 *   -DBROKEN_RECORD_BEFORE_REPLY    the county records the forward when it sends it: a lost
 *                                   forward is never sent again (2)
 */

#ifndef NV
#define NV 2                /* versions: accepted, reopened, resubmitted, accepted */
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
#define NRETRY 1            /* forwarder retries while its forward is only delayed */
#endif
#ifndef NCCRASH
#define NCCRASH 1           /* county crash */
#endif
#ifndef NYCRASH
#define NYCRASH 1           /* city crash */
#endif
#ifndef NREOPEN
#define NREOPEN 1
#endif

#define NONE 0
#define ACCEPTED 1
#define REOPENED 2

chan fwdq = [2] of { byte };   /* a forwarded submission: its version */
chan repq = [2] of { byte };   /* the city's reply: stored or unchanged, for that version */

/* county (durable) */
byte rver;
byte cdec[NV + 1];
bool fwd[NV + 1];
/* county (in memory) */
byte inflight;
/* city (durable) */
byte held[NV + 1];
/* ghost */
bool everacc[NV + 1];

byte nloss, ndup, nreord, nretry, nccrash, nycrash, nreopen;
hidden byte i_, v_;

#define accepted_now (rver > 0 && cdec[rver] == ACCEPTED)

#ifdef LIVENESS
inline check() { skip }
#else
inline check() {
  i_ = 1;
  do
  :: i_ <= NV -> assert(held[i_] <= 1 && (held[i_] == 0 || everacc[i_])); i_++   /* (1) */
  :: else -> break
  od
}
#endif

active proctype bureau() {
end:
  do
  :: atomic { rver < NV && (rver == 0 || cdec[rver] == REOPENED) ->
              rver++; printf("MSC: version %d received\n", rver) }
  :: atomic { rver > 0 && cdec[rver] == NONE ->
              cdec[rver] = ACCEPTED; everacc[rver] = true; printf("MSC: version %d accepted\n", rver) }
  :: atomic { accepted_now && nreopen < NREOPEN ->
              nreopen++; cdec[rver] = REOPENED; printf("MSC: version %d reopened\n", rver) }
  od
}

active proctype forwarder() {
end:
  do
  :: atomic { inflight == 0 && accepted_now && !fwd[rver] && len(fwdq) < 2 ->
              inflight = rver; fwdq!rver;
#ifdef BROKEN_RECORD_BEFORE_REPLY
              fwd[inflight] = true;
#endif
              printf("MSC: forward version %d\n", inflight) }
  :: atomic { repq?v_ ->
              fwd[v_] = true;                 /* recorded: never forwarded again */
              if :: inflight == v_ -> inflight = 0 :: else -> skip fi;
              printf("MSC: city has version %d\n", v_) }
  :: atomic { timeout && inflight > 0 -> inflight = 0 }   /* no reply: back off, retry */
  :: inflight == 0 && !(accepted_now && !fwd[rver]) -> skip  /* it polls: nothing to forward */
  od
}

active proctype city() {
  byte v;
end:
  do
  :: atomic {                               /* a forward is taken only when its reply fits: */
       len(fwdq) > 0 && len(repq) < 2 ->    /* the step then never blocks halfway */
       fwdq?v;
       if
       :: nycrash < NYCRASH -> nycrash++; printf("MSC: city crash before commit\n")
       :: true ->
#ifndef BROKEN_CITY_NO_DEDUP
          if :: held[v] == 0 -> held[v] = 1 :: else -> skip fi;   /* unchanged: held already */
#else
          held[v]++;
#endif
          check();
          if
          :: nycrash < NYCRASH -> nycrash++; printf("MSC: city crash after commit\n")
          :: true -> repq!v
          fi
       fi;
       v = 0
     }
  od
}

active proctype env() {
end:
  do
  :: atomic { nloss < NLOSS && len(fwdq) > 0 -> nloss++; fwdq?_; printf("MSC: forward lost\n") }
  :: atomic { nloss < NLOSS && len(repq) > 0 -> nloss++; repq?_; printf("MSC: reply lost\n") }
  :: atomic { ndup < NDUP && len(fwdq) == 1 -> ndup++; fwdq?v_; fwdq!v_; fwdq!v_;
              printf("MSC: forward duplicated\n") }
  :: atomic { ndup < NDUP && len(repq) == 1 -> ndup++; repq?v_; repq!v_; repq!v_;
              printf("MSC: reply duplicated\n") }
  :: atomic { nreord < NREORD && len(fwdq) == 2 -> nreord++; fwdq?v_; fwdq!v_;
              printf("MSC: forwards reordered\n") }
  :: atomic { nreord < NREORD && len(repq) == 2 -> nreord++; repq?v_; repq!v_;
              printf("MSC: replies reordered\n") }
  :: atomic { nretry < NRETRY && inflight > 0 ->
              nretry++; inflight = 0; printf("MSC: forwarder times out early\n") }
  :: atomic { nccrash < NCCRASH ->          /* the county's serve dies with its connection */
              nccrash++; inflight = 0;
              do :: len(repq) > 0 -> repq?_ :: else -> break od;
              printf("MSC: county crash\n") }
  od
}

#ifdef LIVENESS
#define relayed (!accepted_now || (held[rver] == 1 && fwd[rver]))
ltl relayed_all { <> [] relayed }
#endif
