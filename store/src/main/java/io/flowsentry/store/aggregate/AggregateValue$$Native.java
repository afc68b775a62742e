package io.flowsentry.store.aggregate;

import java.lang.ArrayIndexOutOfBoundsException;
import java.lang.IllegalArgumentException;
import java.lang.Object;
import java.lang.Override;
import net.openhft.chronicle.bytes.Byteable;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.values.Copyable;

public class AggregateValue$$Native implements AggregateValue, Copyable<AggregateValue>, BytesMarshallable, Byteable {
  private BytesStore bs;

  private long offset;

  @Override
  public long getFirstTime() {
    return bs.readLong(offset + 0);
  }

  @Override
  public void setFirstTime(long _firstTime) {
    bs.writeLong(offset + 0, _firstTime);
  }

  @Override
  public long getLastTime() {
    return bs.readLong(offset + 8);
  }

  @Override
  public void setLastTime(long _lastTime) {
    bs.writeLong(offset + 8, _lastTime);
  }

  @Override
  public long getCount() {
    return bs.readLong(offset + 16);
  }

  @Override
  public void setCount(long _count) {
    bs.writeLong(offset + 16, _count);
  }

  @Override
  public long getBytes() {
    return bs.readLong(offset + 24);
  }

  @Override
  public void setBytes(long _bytes) {
    bs.writeLong(offset + 24, _bytes);
  }

  @Override
  public long getPackets() {
    return bs.readLong(offset + 32);
  }

  @Override
  public void setPackets(long _packets) {
    bs.writeLong(offset + 32, _packets);
  }

  @Override
  public long getChecksum() {
    return bs.readLong(offset + 40);
  }

  @Override
  public void setChecksum(long _checksum) {
    bs.writeLong(offset + 40, _checksum);
  }

  @Override
  public int getActionBits() {
    return bs.readInt(offset + 48);
  }

  @Override
  public void setActionBits(int _actionBits) {
    bs.writeInt(offset + 48, _actionBits);
  }

  @Override
  public int getSourceTypeBits() {
    return bs.readInt(offset + 52);
  }

  @Override
  public void setSourceTypeBits(int _sourceTypeBits) {
    bs.writeInt(offset + 52, _sourceTypeBits);
  }

  @Override
  public int getIpCount() {
    return bs.readInt(offset + 56);
  }

  @Override
  public void setIpCount(int _ipCount) {
    bs.writeInt(offset + 56, _ipCount);
  }

  @Override
  public int getIpHiCount() {
    return bs.readInt(offset + 60);
  }

  @Override
  public void setIpHiCount(int _ipHiCount) {
    bs.writeInt(offset + 60, _ipHiCount);
  }

  @Override
  public int getPortCount() {
    return bs.readInt(offset + 64);
  }

  @Override
  public void setPortCount(int _portCount) {
    bs.writeInt(offset + 64, _portCount);
  }

  @Override
  public int getAppCount() {
    return bs.readInt(offset + 68);
  }

  @Override
  public void setAppCount(int _appCount) {
    bs.writeInt(offset + 68, _appCount);
  }

  @Override
  public int getPortAt(int index) {
    if (index < 0 || index >= 32) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 32");
    }
    long elementOffset = index * 4L;
    return bs.readInt(offset + 72 + elementOffset);
  }

  @Override
  public void setPortAt(int index, int _port) {
    if (index < 0 || index >= 32) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 32");
    }
    long elementOffset = index * 4L;
    bs.writeInt(offset + 72 + elementOffset, _port);
  }

  @Override
  public int getAppAt(int index) {
    if (index < 0 || index >= 8) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 8");
    }
    long elementOffset = index * 4L;
    return bs.readInt(offset + 200 + elementOffset);
  }

  @Override
  public void setAppAt(int index, int _app) {
    if (index < 0 || index >= 8) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 8");
    }
    long elementOffset = index * 4L;
    bs.writeInt(offset + 200 + elementOffset, _app);
  }

  @Override
  public long getIpLoAt(int index) {
    if (index < 0 || index >= 64) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 64");
    }
    long elementOffset = index * 8L;
    return bs.readLong(offset + 232 + elementOffset);
  }

  @Override
  public void setIpLoAt(int index, long _ipLo) {
    if (index < 0 || index >= 64) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 64");
    }
    long elementOffset = index * 8L;
    bs.writeLong(offset + 232 + elementOffset, _ipLo);
  }

  @Override
  public long getIpHiAt(int index) {
    if (index < 0 || index >= 64) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 64");
    }
    long elementOffset = index * 8L;
    return bs.readLong(offset + 744 + elementOffset);
  }

  @Override
  public void setIpHiAt(int index, long _ipHi) {
    if (index < 0 || index >= 64) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 64");
    }
    long elementOffset = index * 8L;
    bs.writeLong(offset + 744 + elementOffset, _ipHi);
  }

  @Override
  public long getIpOverflow() {
    return bs.readLong(offset + 1256);
  }

  @Override
  public void setIpOverflow(long _ipOverflow) {
    bs.writeLong(offset + 1256, _ipOverflow);
  }

  @Override
  public long getPortOverflow() {
    return bs.readLong(offset + 1264);
  }

  @Override
  public void setPortOverflow(long _portOverflow) {
    bs.writeLong(offset + 1264, _portOverflow);
  }

  @Override
  public long getAppOverflow() {
    return bs.readLong(offset + 1272);
  }

  @Override
  public void setAppOverflow(long _appOverflow) {
    bs.writeLong(offset + 1272, _appOverflow);
  }

  @Override
  public long getPortSketchAt(int index) {
    if (index < 0 || index >= 16) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 16");
    }
    long elementOffset = index * 8L;
    return bs.readLong(offset + 1280 + elementOffset);
  }

  @Override
  public void setPortSketchAt(int index, long _portSketch) {
    if (index < 0 || index >= 16) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 16");
    }
    long elementOffset = index * 8L;
    bs.writeLong(offset + 1280 + elementOffset, _portSketch);
  }

  @Override
  public long getIpSketchAt(int index) {
    if (index < 0 || index >= 16) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 16");
    }
    long elementOffset = index * 8L;
    return bs.readLong(offset + 1408 + elementOffset);
  }

  @Override
  public void setIpSketchAt(int index, long _ipSketch) {
    if (index < 0 || index >= 16) {
      throw new ArrayIndexOutOfBoundsException(index + " is out of bounds, array length 16");
    }
    long elementOffset = index * 8L;
    bs.writeLong(offset + 1408 + elementOffset, _ipSketch);
  }

  @Override
  public void copyFrom(AggregateValue from) {
    if (from instanceof AggregateValue$$Native) {
      bs.write(offset, ((AggregateValue$$Native) from).bytesStore(), ((AggregateValue$$Native) from).offset(), 1536);
    } else {
       {
        setFirstTime(from.getFirstTime());
      }
       {
        setLastTime(from.getLastTime());
      }
       {
        setCount(from.getCount());
      }
       {
        setBytes(from.getBytes());
      }
       {
        setPackets(from.getPackets());
      }
       {
        setChecksum(from.getChecksum());
      }
       {
        setActionBits(from.getActionBits());
      }
       {
        setSourceTypeBits(from.getSourceTypeBits());
      }
       {
        setIpCount(from.getIpCount());
      }
       {
        setIpHiCount(from.getIpHiCount());
      }
       {
        setPortCount(from.getPortCount());
      }
       {
        setAppCount(from.getAppCount());
      }
       {
        for (int index = 0; index < 32; index++) {
          setPortAt(index, from.getPortAt(index));
        }
      }
       {
        for (int index = 0; index < 8; index++) {
          setAppAt(index, from.getAppAt(index));
        }
      }
       {
        for (int index = 0; index < 64; index++) {
          setIpLoAt(index, from.getIpLoAt(index));
        }
      }
       {
        for (int index = 0; index < 64; index++) {
          setIpHiAt(index, from.getIpHiAt(index));
        }
      }
       {
        setIpOverflow(from.getIpOverflow());
      }
       {
        setPortOverflow(from.getPortOverflow());
      }
       {
        setAppOverflow(from.getAppOverflow());
      }
       {
        for (int index = 0; index < 16; index++) {
          setPortSketchAt(index, from.getPortSketchAt(index));
        }
      }
       {
        for (int index = 0; index < 16; index++) {
          setIpSketchAt(index, from.getIpSketchAt(index));
        }
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
     {
      bytes.writeLong(bs.readLong(offset + 24));
    }
     {
      bytes.writeLong(bs.readLong(offset + 32));
    }
     {
      bytes.writeLong(bs.readLong(offset + 40));
    }
     {
      bytes.writeInt(bs.readInt(offset + 48));
    }
     {
      bytes.writeInt(bs.readInt(offset + 52));
    }
     {
      bytes.writeInt(bs.readInt(offset + 56));
    }
     {
      bytes.writeInt(bs.readInt(offset + 60));
    }
     {
      bytes.writeInt(bs.readInt(offset + 64));
    }
     {
      bytes.writeInt(bs.readInt(offset + 68));
    }
     {
      for (int index = 0; index < 32; index++) {
        long elementOffset = index * 4L;
        bytes.writeInt(bs.readInt(offset + 72 + elementOffset));
      }
    }
     {
      for (int index = 0; index < 8; index++) {
        long elementOffset = index * 4L;
        bytes.writeInt(bs.readInt(offset + 200 + elementOffset));
      }
    }
     {
      for (int index = 0; index < 64; index++) {
        long elementOffset = index * 8L;
        bytes.writeLong(bs.readLong(offset + 232 + elementOffset));
      }
    }
     {
      for (int index = 0; index < 64; index++) {
        long elementOffset = index * 8L;
        bytes.writeLong(bs.readLong(offset + 744 + elementOffset));
      }
    }
     {
      bytes.writeLong(bs.readLong(offset + 1256));
    }
     {
      bytes.writeLong(bs.readLong(offset + 1264));
    }
     {
      bytes.writeLong(bs.readLong(offset + 1272));
    }
     {
      for (int index = 0; index < 16; index++) {
        long elementOffset = index * 8L;
        bytes.writeLong(bs.readLong(offset + 1280 + elementOffset));
      }
    }
     {
      for (int index = 0; index < 16; index++) {
        long elementOffset = index * 8L;
        bytes.writeLong(bs.readLong(offset + 1408 + elementOffset));
      }
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
     {
      bs.writeLong(offset + 24, bytes.readLong());
    }
     {
      bs.writeLong(offset + 32, bytes.readLong());
    }
     {
      bs.writeLong(offset + 40, bytes.readLong());
    }
     {
      bs.writeInt(offset + 48, bytes.readInt());
    }
     {
      bs.writeInt(offset + 52, bytes.readInt());
    }
     {
      bs.writeInt(offset + 56, bytes.readInt());
    }
     {
      bs.writeInt(offset + 60, bytes.readInt());
    }
     {
      bs.writeInt(offset + 64, bytes.readInt());
    }
     {
      bs.writeInt(offset + 68, bytes.readInt());
    }
     {
      for (int index = 0; index < 32; index++) {
        long elementOffset = index * 4L;
        bs.writeInt(offset + 72 + elementOffset, bytes.readInt());
      }
    }
     {
      for (int index = 0; index < 8; index++) {
        long elementOffset = index * 4L;
        bs.writeInt(offset + 200 + elementOffset, bytes.readInt());
      }
    }
     {
      for (int index = 0; index < 64; index++) {
        long elementOffset = index * 8L;
        bs.writeLong(offset + 232 + elementOffset, bytes.readLong());
      }
    }
     {
      for (int index = 0; index < 64; index++) {
        long elementOffset = index * 8L;
        bs.writeLong(offset + 744 + elementOffset, bytes.readLong());
      }
    }
     {
      bs.writeLong(offset + 1256, bytes.readLong());
    }
     {
      bs.writeLong(offset + 1264, bytes.readLong());
    }
     {
      bs.writeLong(offset + 1272, bytes.readLong());
    }
     {
      for (int index = 0; index < 16; index++) {
        long elementOffset = index * 8L;
        bs.writeLong(offset + 1280 + elementOffset, bytes.readLong());
      }
    }
     {
      for (int index = 0; index < 16; index++) {
        long elementOffset = index * 8L;
        bs.writeLong(offset + 1408 + elementOffset, bytes.readLong());
      }
    }
  }

  @Override
  public boolean equals(Object obj) {
    if (!(obj instanceof AggregateValue)) return false;
    AggregateValue other = (AggregateValue) obj;
     {
      if (getFirstTime() != other.getFirstTime()) return false;
    }
     {
      if (getLastTime() != other.getLastTime()) return false;
    }
     {
      if (getCount() != other.getCount()) return false;
    }
     {
      if (getBytes() != other.getBytes()) return false;
    }
     {
      if (getPackets() != other.getPackets()) return false;
    }
     {
      if (getChecksum() != other.getChecksum()) return false;
    }
     {
      if (getActionBits() != other.getActionBits()) return false;
    }
     {
      if (getSourceTypeBits() != other.getSourceTypeBits()) return false;
    }
     {
      if (getIpCount() != other.getIpCount()) return false;
    }
     {
      if (getIpHiCount() != other.getIpHiCount()) return false;
    }
     {
      if (getPortCount() != other.getPortCount()) return false;
    }
     {
      if (getAppCount() != other.getAppCount()) return false;
    }
     {
      for (int index = 0; index < 32; index++) {
        if (getPortAt(index) != other.getPortAt(index)) return false;
      }
    }
     {
      for (int index = 0; index < 8; index++) {
        if (getAppAt(index) != other.getAppAt(index)) return false;
      }
    }
     {
      for (int index = 0; index < 64; index++) {
        if (getIpLoAt(index) != other.getIpLoAt(index)) return false;
      }
    }
     {
      for (int index = 0; index < 64; index++) {
        if (getIpHiAt(index) != other.getIpHiAt(index)) return false;
      }
    }
     {
      if (getIpOverflow() != other.getIpOverflow()) return false;
    }
     {
      if (getPortOverflow() != other.getPortOverflow()) return false;
    }
     {
      if (getAppOverflow() != other.getAppOverflow()) return false;
    }
     {
      for (int index = 0; index < 16; index++) {
        if (getPortSketchAt(index) != other.getPortSketchAt(index)) return false;
      }
    }
     {
      for (int index = 0; index < 16; index++) {
        if (getIpSketchAt(index) != other.getIpSketchAt(index)) return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int hashCode = 1;
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getFirstTime());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getLastTime());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getCount());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getBytes());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getPackets());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getChecksum());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Integer.hashCode(getActionBits());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Integer.hashCode(getSourceTypeBits());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Integer.hashCode(getIpCount());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Integer.hashCode(getIpHiCount());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Integer.hashCode(getPortCount());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Integer.hashCode(getAppCount());
    }
    hashCode *= 1000003;
     {
      int _portHashCode = 1;
      for (int index = 0; index < 32; index++) {
        _portHashCode *= 1000003;
        _portHashCode ^= java.lang.Integer.hashCode(getPortAt(index));
      }
      hashCode ^= _portHashCode;
    }
    hashCode *= 1000003;
     {
      int _appHashCode = 1;
      for (int index = 0; index < 8; index++) {
        _appHashCode *= 1000003;
        _appHashCode ^= java.lang.Integer.hashCode(getAppAt(index));
      }
      hashCode ^= _appHashCode;
    }
    hashCode *= 1000003;
     {
      int _ipLoHashCode = 1;
      for (int index = 0; index < 64; index++) {
        _ipLoHashCode *= 1000003;
        _ipLoHashCode ^= java.lang.Long.hashCode(getIpLoAt(index));
      }
      hashCode ^= _ipLoHashCode;
    }
    hashCode *= 1000003;
     {
      int _ipHiHashCode = 1;
      for (int index = 0; index < 64; index++) {
        _ipHiHashCode *= 1000003;
        _ipHiHashCode ^= java.lang.Long.hashCode(getIpHiAt(index));
      }
      hashCode ^= _ipHiHashCode;
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getIpOverflow());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getPortOverflow());
    }
    hashCode *= 1000003;
     {
      hashCode ^= java.lang.Long.hashCode(getAppOverflow());
    }
    hashCode *= 1000003;
     {
      int _portSketchHashCode = 1;
      for (int index = 0; index < 16; index++) {
        _portSketchHashCode *= 1000003;
        _portSketchHashCode ^= java.lang.Long.hashCode(getPortSketchAt(index));
      }
      hashCode ^= _portSketchHashCode;
    }
    hashCode *= 1000003;
     {
      int _ipSketchHashCode = 1;
      for (int index = 0; index < 16; index++) {
        _ipSketchHashCode *= 1000003;
        _ipSketchHashCode ^= java.lang.Long.hashCode(getIpSketchAt(index));
      }
      hashCode ^= _ipSketchHashCode;
    }
    return hashCode;
  }

  @Override
  public void bytesStore(BytesStore bytesStore, long offset, long length) {
    if (length != maxSize()) {
      throw new IllegalArgumentException("Constant size is 1536, given length is " + length);
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
    return 1536;
  }
}
