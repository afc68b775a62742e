package io.flowsentry.store.aggregate;

import java.lang.Object;
import java.lang.Override;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;
import net.openhft.chronicle.values.Copyable;

public class AggregateKey$$Heap implements AggregateKey, Copyable<AggregateKey>, BytesMarshallable {
  private long __fieldwindowStart;

  private long __fieldsrcHi;

  private long __fieldsrcLo;

  @Override
  public long getWindowStart() {
    long raw__fieldwindowStartValue = __fieldwindowStart;
    return raw__fieldwindowStartValue;
  }

  @Override
  public void setWindowStart(long _windowStart) {
    this.__fieldwindowStart = _windowStart;
  }

  @Override
  public long getSrcHi() {
    long raw__fieldsrcHiValue = __fieldsrcHi;
    return raw__fieldsrcHiValue;
  }

  @Override
  public void setSrcHi(long _srcHi) {
    this.__fieldsrcHi = _srcHi;
  }

  @Override
  public long getSrcLo() {
    long raw__fieldsrcLoValue = __fieldsrcLo;
    return raw__fieldsrcLoValue;
  }

  @Override
  public void setSrcLo(long _srcLo) {
    this.__fieldsrcLo = _srcLo;
  }

  @Override
  public void copyFrom(AggregateKey from) {
     {
      long windowStartCopy = from.getWindowStart();
      this.__fieldwindowStart = windowStartCopy;
    }
     {
      long srcHiCopy = from.getSrcHi();
      this.__fieldsrcHi = srcHiCopy;
    }
     {
      long srcLoCopy = from.getSrcLo();
      this.__fieldsrcLo = srcLoCopy;
    }
  }

  @Override
  public void writeMarshallable(BytesOut bytes) {
     {
      bytes.writeLong(getWindowStart());
    }
     {
      bytes.writeLong(getSrcHi());
    }
     {
      bytes.writeLong(getSrcLo());
    }
  }

  @Override
  public void readMarshallable(BytesIn bytes) {
     {
      __fieldwindowStart = bytes.readLong();
    }
     {
      __fieldsrcHi = bytes.readLong();
    }
     {
      __fieldsrcLo = bytes.readLong();
    }
  }

  @Override
  public boolean equals(Object obj) {
    if (!(obj instanceof AggregateKey)) return false;
    AggregateKey other = (AggregateKey) obj;
     {
      if (getWindowStart() != other.getWindowStart()) return false;
    }
     {
      if (getSrcHi() != other.getSrcHi()) return false;
    }
     {
      if (getSrcLo() != other.getSrcLo()) return false;
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hashCode = 1;
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getWindowStart());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getSrcHi());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getSrcLo());
    }
    return hashCode;
  }
}
