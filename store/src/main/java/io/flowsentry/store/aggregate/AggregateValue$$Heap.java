package io.flowsentry.store.aggregate;

import java.lang.Object;
import java.lang.Override;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;
import net.openhft.chronicle.values.Copyable;

public class AggregateValue$$Heap implements AggregateValue, Copyable<AggregateValue>, BytesMarshallable {
  private long __fieldfirstTime;

  private long __fieldlastTime;

  private long __fieldcount;

  private long __fieldbytes;

  private long __fieldpackets;

  private long __fieldchecksum;

  private int __fieldactionBits;

  private int __fieldsourceTypeBits;

  private int __fieldipCount;

  private int __fieldipHiCount;

  private int __fieldportCount;

  private int __fieldappCount;

  private final int[] __fieldport = new int[32];

  private final int[] __fieldapp = new int[8];

  private final long[] __fieldipLo = new long[64];

  private final long[] __fieldipHi = new long[64];

  private long __fieldipOverflow;

  private long __fieldportOverflow;

  private long __fieldappOverflow;

  private final long[] __fieldportSketch = new long[16];

  private final long[] __fieldipSketch = new long[16];

  @Override
  public long getFirstTime() {
    long raw__fieldfirstTimeValue = __fieldfirstTime;
    return raw__fieldfirstTimeValue;
  }

  @Override
  public void setFirstTime(long _firstTime) {
    this.__fieldfirstTime = _firstTime;
  }

  @Override
  public long getLastTime() {
    long raw__fieldlastTimeValue = __fieldlastTime;
    return raw__fieldlastTimeValue;
  }

  @Override
  public void setLastTime(long _lastTime) {
    this.__fieldlastTime = _lastTime;
  }

  @Override
  public long getCount() {
    long raw__fieldcountValue = __fieldcount;
    return raw__fieldcountValue;
  }

  @Override
  public void setCount(long _count) {
    this.__fieldcount = _count;
  }

  @Override
  public long getBytes() {
    long raw__fieldbytesValue = __fieldbytes;
    return raw__fieldbytesValue;
  }

  @Override
  public void setBytes(long _bytes) {
    this.__fieldbytes = _bytes;
  }

  @Override
  public long getPackets() {
    long raw__fieldpacketsValue = __fieldpackets;
    return raw__fieldpacketsValue;
  }

  @Override
  public void setPackets(long _packets) {
    this.__fieldpackets = _packets;
  }

  @Override
  public long getChecksum() {
    long raw__fieldchecksumValue = __fieldchecksum;
    return raw__fieldchecksumValue;
  }

  @Override
  public void setChecksum(long _checksum) {
    this.__fieldchecksum = _checksum;
  }

  @Override
  public int getActionBits() {
    int raw__fieldactionBitsValue = __fieldactionBits;
    return raw__fieldactionBitsValue;
  }

  @Override
  public void setActionBits(int _actionBits) {
    this.__fieldactionBits = _actionBits;
  }

  @Override
  public int getSourceTypeBits() {
    int raw__fieldsourceTypeBitsValue = __fieldsourceTypeBits;
    return raw__fieldsourceTypeBitsValue;
  }

  @Override
  public void setSourceTypeBits(int _sourceTypeBits) {
    this.__fieldsourceTypeBits = _sourceTypeBits;
  }

  @Override
  public int getIpCount() {
    int raw__fieldipCountValue = __fieldipCount;
    return raw__fieldipCountValue;
  }

  @Override
  public void setIpCount(int _ipCount) {
    this.__fieldipCount = _ipCount;
  }

  @Override
  public int getIpHiCount() {
    int raw__fieldipHiCountValue = __fieldipHiCount;
    return raw__fieldipHiCountValue;
  }

  @Override
  public void setIpHiCount(int _ipHiCount) {
    this.__fieldipHiCount = _ipHiCount;
  }

  @Override
  public int getPortCount() {
    int raw__fieldportCountValue = __fieldportCount;
    return raw__fieldportCountValue;
  }

  @Override
  public void setPortCount(int _portCount) {
    this.__fieldportCount = _portCount;
  }

  @Override
  public int getAppCount() {
    int raw__fieldappCountValue = __fieldappCount;
    return raw__fieldappCountValue;
  }

  @Override
  public void setAppCount(int _appCount) {
    this.__fieldappCount = _appCount;
  }

  @Override
  public int getPortAt(int index) {
    int raw__fieldportValue = __fieldport[index];
    return raw__fieldportValue;
  }

  @Override
  public void setPortAt(int index, int _port) {
    this.__fieldport[index] = _port;
  }

  @Override
  public int getAppAt(int index) {
    int raw__fieldappValue = __fieldapp[index];
    return raw__fieldappValue;
  }

  @Override
  public void setAppAt(int index, int _app) {
    this.__fieldapp[index] = _app;
  }

  @Override
  public long getIpLoAt(int index) {
    long raw__fieldipLoValue = __fieldipLo[index];
    return raw__fieldipLoValue;
  }

  @Override
  public void setIpLoAt(int index, long _ipLo) {
    this.__fieldipLo[index] = _ipLo;
  }

  @Override
  public long getIpHiAt(int index) {
    long raw__fieldipHiValue = __fieldipHi[index];
    return raw__fieldipHiValue;
  }

  @Override
  public void setIpHiAt(int index, long _ipHi) {
    this.__fieldipHi[index] = _ipHi;
  }

  @Override
  public long getIpOverflow() {
    long raw__fieldipOverflowValue = __fieldipOverflow;
    return raw__fieldipOverflowValue;
  }

  @Override
  public void setIpOverflow(long _ipOverflow) {
    this.__fieldipOverflow = _ipOverflow;
  }

  @Override
  public long getPortOverflow() {
    long raw__fieldportOverflowValue = __fieldportOverflow;
    return raw__fieldportOverflowValue;
  }

  @Override
  public void setPortOverflow(long _portOverflow) {
    this.__fieldportOverflow = _portOverflow;
  }

  @Override
  public long getAppOverflow() {
    long raw__fieldappOverflowValue = __fieldappOverflow;
    return raw__fieldappOverflowValue;
  }

  @Override
  public void setAppOverflow(long _appOverflow) {
    this.__fieldappOverflow = _appOverflow;
  }

  @Override
  public long getPortSketchAt(int index) {
    long raw__fieldportSketchValue = __fieldportSketch[index];
    return raw__fieldportSketchValue;
  }

  @Override
  public void setPortSketchAt(int index, long _portSketch) {
    this.__fieldportSketch[index] = _portSketch;
  }

  @Override
  public long getIpSketchAt(int index) {
    long raw__fieldipSketchValue = __fieldipSketch[index];
    return raw__fieldipSketchValue;
  }

  @Override
  public void setIpSketchAt(int index, long _ipSketch) {
    this.__fieldipSketch[index] = _ipSketch;
  }

  @Override
  public void copyFrom(AggregateValue from) {
     {
      long firstTimeCopy = from.getFirstTime();
      this.__fieldfirstTime = firstTimeCopy;
    }
     {
      long lastTimeCopy = from.getLastTime();
      this.__fieldlastTime = lastTimeCopy;
    }
     {
      long countCopy = from.getCount();
      this.__fieldcount = countCopy;
    }
     {
      long bytesCopy = from.getBytes();
      this.__fieldbytes = bytesCopy;
    }
     {
      long packetsCopy = from.getPackets();
      this.__fieldpackets = packetsCopy;
    }
     {
      long checksumCopy = from.getChecksum();
      this.__fieldchecksum = checksumCopy;
    }
     {
      int actionBitsCopy = from.getActionBits();
      this.__fieldactionBits = actionBitsCopy;
    }
     {
      int sourceTypeBitsCopy = from.getSourceTypeBits();
      this.__fieldsourceTypeBits = sourceTypeBitsCopy;
    }
     {
      int ipCountCopy = from.getIpCount();
      this.__fieldipCount = ipCountCopy;
    }
     {
      int ipHiCountCopy = from.getIpHiCount();
      this.__fieldipHiCount = ipHiCountCopy;
    }
     {
      int portCountCopy = from.getPortCount();
      this.__fieldportCount = portCountCopy;
    }
     {
      int appCountCopy = from.getAppCount();
      this.__fieldappCount = appCountCopy;
    }
     {
      for (int index = 0; index < 32; index++) {
        int portCopy = from.getPortAt(index);
        this.__fieldport[index] = portCopy;
      }
    }
     {
      for (int index = 0; index < 8; index++) {
        int appCopy = from.getAppAt(index);
        this.__fieldapp[index] = appCopy;
      }
    }
     {
      for (int index = 0; index < 64; index++) {
        long ipLoCopy = from.getIpLoAt(index);
        this.__fieldipLo[index] = ipLoCopy;
      }
    }
     {
      for (int index = 0; index < 64; index++) {
        long ipHiCopy = from.getIpHiAt(index);
        this.__fieldipHi[index] = ipHiCopy;
      }
    }
     {
      long ipOverflowCopy = from.getIpOverflow();
      this.__fieldipOverflow = ipOverflowCopy;
    }
     {
      long portOverflowCopy = from.getPortOverflow();
      this.__fieldportOverflow = portOverflowCopy;
    }
     {
      long appOverflowCopy = from.getAppOverflow();
      this.__fieldappOverflow = appOverflowCopy;
    }
     {
      for (int index = 0; index < 16; index++) {
        long portSketchCopy = from.getPortSketchAt(index);
        this.__fieldportSketch[index] = portSketchCopy;
      }
    }
     {
      for (int index = 0; index < 16; index++) {
        long ipSketchCopy = from.getIpSketchAt(index);
        this.__fieldipSketch[index] = ipSketchCopy;
      }
    }
  }

  @Override
  public void writeMarshallable(BytesOut bytes) {
     {
      bytes.writeLong(getFirstTime());
    }
     {
      bytes.writeLong(getLastTime());
    }
     {
      bytes.writeLong(getCount());
    }
     {
      bytes.writeLong(getBytes());
    }
     {
      bytes.writeLong(getPackets());
    }
     {
      bytes.writeLong(getChecksum());
    }
     {
      bytes.writeInt(getActionBits());
    }
     {
      bytes.writeInt(getSourceTypeBits());
    }
     {
      bytes.writeInt(getIpCount());
    }
     {
      bytes.writeInt(getIpHiCount());
    }
     {
      bytes.writeInt(getPortCount());
    }
     {
      bytes.writeInt(getAppCount());
    }
     {
      for (int index = 0; index < 32; index++) {
        bytes.writeInt(getPortAt(index));
      }
    }
     {
      for (int index = 0; index < 8; index++) {
        bytes.writeInt(getAppAt(index));
      }
    }
     {
      for (int index = 0; index < 64; index++) {
        bytes.writeLong(getIpLoAt(index));
      }
    }
     {
      for (int index = 0; index < 64; index++) {
        bytes.writeLong(getIpHiAt(index));
      }
    }
     {
      bytes.writeLong(getIpOverflow());
    }
     {
      bytes.writeLong(getPortOverflow());
    }
     {
      bytes.writeLong(getAppOverflow());
    }
     {
      for (int index = 0; index < 16; index++) {
        bytes.writeLong(getPortSketchAt(index));
      }
    }
     {
      for (int index = 0; index < 16; index++) {
        bytes.writeLong(getIpSketchAt(index));
      }
    }
  }

  @Override
  public void readMarshallable(BytesIn bytes) {
     {
      __fieldfirstTime = bytes.readLong();
    }
     {
      __fieldlastTime = bytes.readLong();
    }
     {
      __fieldcount = bytes.readLong();
    }
     {
      __fieldbytes = bytes.readLong();
    }
     {
      __fieldpackets = bytes.readLong();
    }
     {
      __fieldchecksum = bytes.readLong();
    }
     {
      __fieldactionBits = bytes.readInt();
    }
     {
      __fieldsourceTypeBits = bytes.readInt();
    }
     {
      __fieldipCount = bytes.readInt();
    }
     {
      __fieldipHiCount = bytes.readInt();
    }
     {
      __fieldportCount = bytes.readInt();
    }
     {
      __fieldappCount = bytes.readInt();
    }
     {
      for (int index = 0; index < 32; index++) {
        __fieldport[index] = bytes.readInt();
      }
    }
     {
      for (int index = 0; index < 8; index++) {
        __fieldapp[index] = bytes.readInt();
      }
    }
     {
      for (int index = 0; index < 64; index++) {
        __fieldipLo[index] = bytes.readLong();
      }
    }
     {
      for (int index = 0; index < 64; index++) {
        __fieldipHi[index] = bytes.readLong();
      }
    }
     {
      __fieldipOverflow = bytes.readLong();
    }
     {
      __fieldportOverflow = bytes.readLong();
    }
     {
      __fieldappOverflow = bytes.readLong();
    }
     {
      for (int index = 0; index < 16; index++) {
        __fieldportSketch[index] = bytes.readLong();
      }
    }
     {
      for (int index = 0; index < 16; index++) {
        __fieldipSketch[index] = bytes.readLong();
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
}
