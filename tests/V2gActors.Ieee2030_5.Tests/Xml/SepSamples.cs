using V2gActors.Ieee2030_5.Resources;

namespace V2gActors.Ieee2030_5.Tests.Xml;

/// <summary>Realistic instances of every resource we speak, as a CSIP head-end and aggregator would exchange them.</summary>
public static class SepSamples
{
    public const long Now = 1_764_000_000; // 2025-11-24T16:00:00Z
    public static readonly byte[] Lfdi = Convert.FromHexString("3E4F45AB31EDFE5B67E343E5E4562E31984E23E5");
    public static readonly byte[] ControlMrid = Convert.FromHexString("B1E2B1E2000000000000000000000001");
    public static readonly byte[] ProgramMrid = Convert.FromHexString("A1000000000000000000000000000001");

    public static DeviceCapability DeviceCapability() => new()
    {
        Href = "/dcap",
        PollRate = 300,
        TimeLink = new TimeLink { Href = "/tm" },
        ResponseSetListLink = new ResponseSetListLink { Href = "/rsps", All = 1 },
        EndDeviceListLink = new EndDeviceListLink { Href = "/edev", All = 2 },
        MirrorUsagePointListLink = new MirrorUsagePointListLink { Href = "/mup", All = 0 },
    };

    public static Time Time() => new()
    {
        Href = "/tm", PollRate = 900, CurrentTime = Now, DstEndTime = 1_762_074_000, DstOffset = 3600,
        DstStartTime = 1_743_296_400, LocalTime = Now + 3600, Quality = 7, TzOffset = 3600,
    };

    public static EndDevice EndDevice() => new()
    {
        Href = "/edev/1", Subscribable = 0, LFDI = Lfdi, SFDI = 167_261_211_391,
        DeviceInformationLink = new DeviceInformationLink { Href = "/edev/1/di" },
        PowerStatusLink = new PowerStatusLink { Href = "/edev/1/ps" },
        DERListLink = new DERListLink { Href = "/edev/1/der", All = 1 },
        ChangedTime = Now, Enabled = true, PostRate = 60,
        FunctionSetAssignmentsListLink = new FunctionSetAssignmentsListLink { Href = "/edev/1/fsa", All = 1 },
        RegistrationLink = new RegistrationLink { Href = "/edev/1/rg" },
        SubscriptionListLink = new SubscriptionListLink { Href = "/edev/1/sub", All = 0 },
    };

    public static EndDeviceList EndDeviceList() => new()
    {
        Href = "/edev", All = 1, Results = 1, PollRate = 300, Subscribable = 0, EndDevice = [EndDevice()],
    };

    public static SelfDevice SelfDevice() => new()
    {
        Href = "/sdev", LFDI = Lfdi, SFDI = 167_261_211_391, PollRate = 900,
        DeviceInformationLink = new DeviceInformationLink { Href = "/sdev/di" },
    };

    public static Registration Registration() => new() { Href = "/edev/1/rg", DateTimeRegistered = Now, PIN = 111_115, PollRate = 900 };

    public static DeviceInformation DeviceInformation() => new()
    {
        Href = "/edev/1/di", PollRate = 900, FunctionsImplemented = Convert.FromHexString("0000000000000044"),
        LFDI = Lfdi, MfDate = 1_700_000_000, MfHwVer = "HW-2.1", MfID = 37_244, MfInfo = "V2G aggregator gateway",
        MfModel = "V2GA-100", MfSerNum = "SN-0001-ALPHA", PrimaryPower = 1, SecondaryPower = 0,
        SwActTime = 1_760_000_000, SwVer = "1.4.2",
    };

    public static PowerStatus PowerStatus() => new()
    {
        Href = "/edev/1/ps", BatteryStatus = 4, ChangedTime = Now, CurrentPowerSource = 1,
        EstimatedChargeRemaining = 6_500,
        PEVInfo = new PEVInfo
        {
            ChargingPowerNow = new ActivePower { Multiplier = 0, Value = 7_400 },
            EnergyRequestNow = new RealEnergy { Multiplier = 0, Value = 21_000 },
            MaxForwardPower = new ActivePower { Multiplier = 0, Value = 11_000 },
            MinimumChargingDuration = 7_200, TargetStateOfCharge = 8_000,
            TimeChargeIsNeeded = Now + 28_800, TimeChargingStatusPEV = Now,
        },
    };

    public static FunctionSetAssignments FunctionSetAssignments() => new()
    {
        Href = "/edev/1/fsa/1", MRID = Convert.FromHexString("F5A00000000000000000000000000001"),
        Description = "Feeder 12 DER", Version = 1, Subscribable = 0,
        DERProgramListLink = new DERProgramListLink { Href = "/edev/1/fsa/1/derp", All = 2 },
        TimeLink = new TimeLink { Href = "/tm" },
    };

    public static FunctionSetAssignmentsList FunctionSetAssignmentsList() => new()
    {
        Href = "/edev/1/fsa", All = 1, Results = 1, PollRate = 900, Subscribable = 0,
        FunctionSetAssignments = [FunctionSetAssignments()],
    };

    public static DERProgram DERProgram() => new()
    {
        Href = "/derp/1", Subscribable = 1, MRID = ProgramMrid, Description = "DSO feeder 12 export limit", Version = 3,
        ActiveDERControlListLink = new ActiveDERControlListLink { Href = "/derp/1/actderc", All = 1 },
        DefaultDERControlLink = new DefaultDERControlLink { Href = "/derp/1/dderc" },
        DERControlListLink = new DERControlListLink { Href = "/derp/1/derc", All = 2 },
        DERCurveListLink = new DERCurveListLink { Href = "/derp/1/dc", All = 1 },
        Primacy = 1,
    };

    public static DERProgramList DERProgramList() => new()
    {
        Href = "/edev/1/fsa/1/derp", All = 1, Results = 1, PollRate = 60, Subscribable = 0, DERProgram = [DERProgram()],
    };

    /// <summary>Every DERControlBase mode the schema defines, so the whole sequence order is exercised.</summary>
    public static DERControlBase FullControlBase() => new()
    {
        OpModConnect = true,
        OpModEnergize = true,
        OpModFixedPFAbsorbW = new PowerFactorWithExcitationControlType { Displacement = 950, Excitation = false, Multiplier = -3 },
        OpModFixedPFInjectW = new PowerFactorWithExcitationControlType { Displacement = 970, Excitation = true, Multiplier = -3 },
        OpModFixedVar = new FixedVarControlType { RefType = 2, Value = -1_500 },
        OpModFixedW = -5_000,
        OpModFreqDroop = new FreqDroopType { DBOF = 36, DBUF = 36, KOF = 40, KUF = 40, OpenLoopTms = 500 },
        OpModFreqWatt = new DERCurveLink { Href = "/derp/1/dc/1" },
        OpModHFRTMayTrip = new DERCurveLink { Href = "/derp/1/dc/2" },
        OpModHFRTMustTrip = new DERCurveLink { Href = "/derp/1/dc/3" },
        OpModHVRTMayTrip = new DERCurveLink { Href = "/derp/1/dc/4" },
        OpModHVRTMomentaryCessation = new DERCurveLink { Href = "/derp/1/dc/5" },
        OpModHVRTMustTrip = new DERCurveLink { Href = "/derp/1/dc/6" },
        OpModLFRTMayTrip = new DERCurveLink { Href = "/derp/1/dc/7" },
        OpModLFRTMustTrip = new DERCurveLink { Href = "/derp/1/dc/8" },
        OpModLVRTMayTrip = new DERCurveLink { Href = "/derp/1/dc/9" },
        OpModLVRTMomentaryCessation = new DERCurveLink { Href = "/derp/1/dc/10" },
        OpModLVRTMustTrip = new DERCurveLink { Href = "/derp/1/dc/11" },
        OpModMaxLimW = 8_000,
        OpModTargetVar = new ReactivePowerControlType { Multiplier = 0, Value = 500 },
        OpModTargetW = new ActivePowerControlType { Multiplier = 0, Value = -3_600 },
        OpModVoltVar = new DERCurveLink { Href = "/derp/1/dc/12" },
        OpModVoltWatt = new DERCurveLink { Href = "/derp/1/dc/13" },
        OpModWattPF = new DERCurveLink { Href = "/derp/1/dc/14" },
        OpModWattVar = new DERCurveLink { Href = "/derp/1/dc/15" },
        RampTms = 600,
        OpModMaxLimWAbsorb = new UnsignedActivePowerControlType { Multiplier = 0, Value = 7_400 },
        OpModMaxLimWInject = new UnsignedActivePowerControlType { Multiplier = 0, Value = 5_000 },
    };

    public static DERControl DERControl() => new()
    {
        Href = "/derp/1/derc/1", ReplyTo = "/rsps/1/rsp", ResponseRequired = [0x03], Subscribable = 0,
        MRID = ControlMrid, Description = "Evening peak export limit", Version = 0, CreationTime = Now - 3_600,
        EventStatus = new EventStatus { CurrentStatus = 0, DateTime = Now - 3_600, PotentiallySuperseded = false },
        Interval = new DateTimeInterval { Start = Now + 600, Duration = 3_600 },
        RandomizeStart = 120, RandomizeDuration = 60,
        DERControlBase = FullControlBase(),
        DeviceCategory = Convert.FromHexString("020000"),
    };

    public static DERControlList DERControlList() => new()
    {
        Href = "/derp/1/derc", All = 1, Results = 1, Subscribable = 1, DERControl = [DERControl()],
    };

    public static DefaultDERControl DefaultDERControl() => new()
    {
        Href = "/derp/1/dderc", MRID = Convert.FromHexString("D0000000000000000000000000000001"),
        Description = "Connection agreement limits", Version = 1, Subscribable = 0,
        DERControlBase = new DERControlBase { OpModConnect = true, OpModMaxLimW = 10_000, OpModMaxLimWInject = OpModExportLimit() },
        SetESDelay = 6_000, SetESHighFreq = 5_010, SetESHighVolt = 10_500, SetESLowFreq = 4_990, SetESLowVolt = 9_170,
        SetESRampTms = 3_000, SetESRandomDelay = 600, SetGradW = 1_000, SetSoftGradW = 500, UpdatedTime = Now - 86_400,
    };

    private static UnsignedActivePowerControlType OpModExportLimit() => new() { Multiplier = 0, Value = 5_000 };

    public static DERCurve DERCurve() => new()
    {
        Href = "/derp/1/dc/12", MRID = Convert.FromHexString("C0000000000000000000000000000012"),
        Description = "Volt-VAr AS4777", Version = 1, CreationTime = Now - 86_400,
        CurveData =
        [
            new CurveData { Xvalue = 9_000, Yvalue = 4_400 },
            new CurveData { Xvalue = 9_600, Yvalue = 0 },
            new CurveData { Xvalue = 10_400, Yvalue = 0 },
            new CurveData { Xvalue = 11_000, Yvalue = -6_000 },
        ],
        CurveType = 11, OpenLoopTms = 500, XMultiplier = -2, YMultiplier = -2, YRefType = 1,
    };

    public static DERCurveList DERCurveList() => new() { Href = "/derp/1/dc", All = 1, Results = 1, DERCurve = [DERCurve()] };

    public static DER DER() => new()
    {
        Href = "/edev/1/der/1", Subscribable = 0,
        CurrentDERProgramLink = new CurrentDERProgramLink { Href = "/derp/1" },
        DERAvailabilityLink = new DERAvailabilityLink { Href = "/edev/1/der/1/dera" },
        DERCapabilityLink = new DERCapabilityLink { Href = "/edev/1/der/1/dercap" },
        DERSettingsLink = new DERSettingsLink { Href = "/edev/1/der/1/derg" },
        DERStatusLink = new DERStatusLink { Href = "/edev/1/der/1/ders" },
    };

    public static DERList DERList() => new() { Href = "/edev/1/der", All = 1, Results = 1, PollRate = 900, DER = [DER()] };

    public static DERCapability DERCapability() => new()
    {
        Href = "/edev/1/der/1/dercap", ModesSupported = Convert.FromHexString("0000A1FF"),
        RtgMaxA = new CurrentRMS { Multiplier = 0, Value = 32 },
        RtgMaxAh = new AmpereHour { Multiplier = 0, Value = 180 },
        RtgMaxChargeRateW = new ActivePower { Multiplier = 0, Value = 11_000 },
        RtgMaxDischargeRateW = new ActivePower { Multiplier = 0, Value = 11_000 },
        RtgMaxVA = new ApparentPower { Multiplier = 0, Value = 11_000 },
        RtgMaxVar = new ReactivePower { Multiplier = 0, Value = 5_000 },
        RtgMaxW = new ActivePower { Multiplier = 0, Value = 11_000 },
        RtgMaxWh = new WattHour { Multiplier = 1, Value = 6_000 },
        RtgVNom = new VoltageRMS { Multiplier = 0, Value = 230 },
        Type = 82,
    };

    public static DERSettings DERSettings() => new()
    {
        Href = "/edev/1/der/1/derg", ModesEnabled = Convert.FromHexString("0000A1FF"),
        SetGradW = 1_000, SetMaxChargeRateW = new ActivePower { Value = 7_400 },
        SetMaxDischargeRateW = new ActivePower { Value = 7_400 }, SetMaxW = new ActivePower { Value = 7_400 },
        SetMaxVA = new ApparentPower { Value = 7_400 }, SetVNom = new VoltageRMS { Value = 230 }, UpdatedTime = Now,
    };

    public static DERStatus DERStatus() => new()
    {
        Href = "/edev/1/der/1/ders", AlarmStatus = [0, 0, 0, 0],
        GenConnectStatus = new ConnectStatusType { DateTime = Now, Value = [0x07] },
        InverterStatus = new InverterStatusType { DateTime = Now, Value = 4 },
        OperationalModeStatus = new OperationalModeStatusType { DateTime = Now, Value = 2 },
        ReadingTime = Now,
        StateOfChargeStatus = new StateOfChargeStatusType { DateTime = Now, Value = 6_500 },
        StorageModeStatus = new StorageModeStatusType { DateTime = Now, Value = 1 },
        StorConnectStatus = new ConnectStatusType { DateTime = Now, Value = [0x07] },
    };

    public static DERAvailability DERAvailability() => new()
    {
        Href = "/edev/1/der/1/dera", AvailabilityDuration = 14_400, MaxChargeDuration = 10_800, ReadingTime = Now,
        ReserveChargePercent = 2_000, ReservePercent = 1_000,
        StatWAvail = new ActivePower { Multiplier = 0, Value = 7_400 },
        StatWAbsorbAvail = new UnsignedActivePower { Multiplier = 0, Value = 7_400 },
    };

    public static Response Response() => new()
    {
        Href = "/rsps/1/rsp/1", CreatedDateTime = Now, EndDeviceLFDI = Lfdi, Status = 2, Subject = ControlMrid,
    };

    public static DERControlResponse DERControlResponse() => new()
    {
        Href = "/rsps/1/rsp/2", CreatedDateTime = Now, EndDeviceLFDI = Lfdi, Status = 1, Subject = ControlMrid,
    };

    public static ResponseList ResponseList() => new() { Href = "/rsps/1/rsp", All = 1, Results = 1, Response = [Response()] };

    public static ResponseSet ResponseSet() => new()
    {
        Href = "/rsps/1", MRID = Convert.FromHexString("E0000000000000000000000000000001"), Description = "DER responses",
        ResponseListLink = new ResponseListLink { Href = "/rsps/1/rsp", All = 1 },
    };

    public static ResponseSetList ResponseSetList() => new() { Href = "/rsps", All = 1, Results = 1, PollRate = 900, ResponseSet = [ResponseSet()] };

    public static Subscription Subscription() => new()
    {
        Href = "/edev/1/sub/1", SubscribedResource = "/derp/1/derc", Encoding = 0, Level = "+S1", Limit = 10,
        NotificationURI = "https://127.0.0.1:8444/ntfy",
    };

    public static SubscriptionList SubscriptionList() => new() { Href = "/edev/1/sub", All = 1, Results = 1, PollRate = 900, Subscription = [Subscription()] };

    public static Notification Notification() => new()
    {
        SubscribedResource = "/derp/1/derc", NewResourceURI = null, Resource = DERControlList(), Status = 0,
        SubscriptionURI = "/edev/1/sub/1",
    };

    public static NotificationList NotificationList() => new() { All = 1, Results = 1, Notification = [Notification()] };

    public static MirrorMeterReading MirrorMeterReading() => new()
    {
        MRID = Convert.FromHexString("AB000000000000000000000000000001"), Description = "Site real power",
        LastUpdateTime = Now, NextUpdateTime = Now + 300,
        Reading = new Reading { Value = -3_650, TimePeriod = new DateTimeInterval { Start = Now - 300, Duration = 300 } },
        ReadingType = new ReadingType
        {
            AccumulationBehaviour = 12, Commodity = 1, DataQualifier = 2, FlowDirection = 1, IntervalLength = 300,
            Kind = 37, Phase = 0, PowerOfTenMultiplier = 0, Uom = 38,
        },
    };

    public static MirrorMeterReadingList MirrorMeterReadingList() => new() { All = 1, Results = 1, MirrorMeterReading = [MirrorMeterReading()] };

    public static MirrorUsagePoint MirrorUsagePoint() => new()
    {
        Href = "/mup/1", MRID = Convert.FromHexString("AA000000000000000000000000000001"), Description = "Site meter",
        RoleFlags = [0x00, 0x49], ServiceCategoryKind = 0, Status = 1, DeviceLFDI = Lfdi, PostRate = 300,
        MirrorMeterReading = [MirrorMeterReading()],
    };

    public static MirrorUsagePointList MirrorUsagePointList() => new() { Href = "/mup", All = 1, Results = 1, PollRate = 900, MirrorUsagePoint = [MirrorUsagePoint()] };

    public static Error Error() => new() { MaxRetryDuration = 60, ReasonCode = 0 };

    /// <summary>One realistic document per resource type, keyed by root element name.</summary>
    public static IReadOnlyDictionary<string, object> All { get; } = new Dictionary<string, object>
    {
        ["DeviceCapability"] = DeviceCapability(), ["Time"] = Time(), ["EndDevice"] = EndDevice(),
        ["EndDeviceList"] = EndDeviceList(), ["SelfDevice"] = SelfDevice(), ["Registration"] = Registration(),
        ["DeviceInformation"] = DeviceInformation(), ["PowerStatus"] = PowerStatus(),
        ["FunctionSetAssignments"] = FunctionSetAssignments(), ["FunctionSetAssignmentsList"] = FunctionSetAssignmentsList(),
        ["DERProgram"] = DERProgram(), ["DERProgramList"] = DERProgramList(), ["DERControl"] = DERControl(),
        ["DERControlList"] = DERControlList(), ["DefaultDERControl"] = DefaultDERControl(), ["DERCurve"] = DERCurve(),
        ["DERCurveList"] = DERCurveList(), ["DER"] = DER(), ["DERList"] = DERList(), ["DERCapability"] = DERCapability(),
        ["DERSettings"] = DERSettings(), ["DERStatus"] = DERStatus(), ["DERAvailability"] = DERAvailability(),
        ["Response"] = Response(), ["DERControlResponse"] = DERControlResponse(), ["ResponseList"] = ResponseList(),
        ["ResponseSet"] = ResponseSet(), ["ResponseSetList"] = ResponseSetList(), ["Subscription"] = Subscription(),
        ["SubscriptionList"] = SubscriptionList(), ["Notification"] = Notification(), ["NotificationList"] = NotificationList(),
        ["MirrorUsagePoint"] = MirrorUsagePoint(), ["MirrorUsagePointList"] = MirrorUsagePointList(),
        ["MirrorMeterReading"] = MirrorMeterReading(), ["MirrorMeterReadingList"] = MirrorMeterReadingList(),
        ["Error"] = Error(),
    };
}
