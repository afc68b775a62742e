package io.flowsentry.store.aggregate;

import java.lang.IllegalArgumentException;
import java.lang.Object;
import java.lang.Override;
import net.openhft.chronicle.bytes.Byteable;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.values.Copyable;

public class AggregateKey$$Native implements AggregateKey, Copyable<AggregateKey>, BytesMarshallable, Byteable {
  private BytesStore bs;

  private long offset;

  @Override
  public long getWindowStart() {
    return bs.readLong(offset + 0);
  }

  @Override
  public void setWindowStart(long _windowStart) {
    bs.writeLong(offset + 0, _windowStart);
  }

  @Override
  public long getSrcHi() {
    return bs.readLong(offset + 8);
  }

  @Override
  public void setSrcHi(long _srcHi) {
    bs.writeLong(offset + 8, _srcHi);
  }

  @Override
  public long getSrcLo() {
    return bs.readLong(offset + 16);
  }

  @Override
  public void setSrcLo(long _srcLo) {
    bs.writeLong(offset + 16, _srcLo);
  }

  @Override
  public void copyFrom(AggregateKey from) {
    if (from instanceof AggregateKey$$Native) {
      bs.write(offset, ((AggregateKey$$Native) from).bytesStore(), ((AggregateKey$$Native) from).offset(), 24);
    } else {
       {
        setWindowStart(from.getWindowStart());
      }
       {
        setSrcHi(from.getSrcHi());
      }
       {
        setSrcLo(from.getSrcLo());
      }
    }
  }

  @Override
  public void writeMarshallable(BytesOut bytes) {
     {
      bytes.writeLong(bs.readLong(offset + 0));
    }
     {
      bytes.writeLong(bs.readLong(offset + 8));
    }
     {
      bytes.writeLong(bs.readLong(offset + 16));
    }
  }

  @Override
  public void readMarshallable(BytesIn bytes) {
     {
      bs.writeLong(offset + 0, bytes.readLong());
    }
     {
      bs.writeLong(offset + 8, bytes.readLong());
    }
     {
      bs.writeLong(offset + 16, bytes.readLong());
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

  @Override
  public void bytesStore(BytesStore bytesStore, long offset, long length) {
    if (length != maxSize()) {
      throw new IllegalArgumentException("Constant size is 24, given length is " + length);
    }
    this.bs = bytesStore;
        if (offset + length > bytesStore.capacity())
                throw new AssertionError();
    this.offset = offset;
  }

  @Override
  public BytesStore bytesStore() {
    return bs;
  }

  @Override
  public long offset() {
    return offset;
  }

  @Override
  public long maxSize() {
    return 24;
  }
}
