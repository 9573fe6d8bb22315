/**
 * The base of private slots on plain objects: a class whose constructor returns the object it
 * is given, so that a subclass's private fields are added to that object. A value kept this way
 * is invisible to JSON, to `Object.keys`, to spreading and to equality checks, the object keeps
 * its plain prototype, and — unlike `Object.defineProperty` or a `WeakMap` — it costs about as
 * much as setting an ordinary field. (Spreading such an object is slower than spreading a plain
 * one, and does not copy the slot: copy slotted objects field by field.)
 *
 * @module
 */
export class Stamp {
  constructor(target: object) {
    return target as Stamp;
  }
}
